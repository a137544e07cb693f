// Package services is the root of Kanto's Go services. Each service lives in
// its own directory with a thin cmd/<binary> and its logic in internal/;
// the bootstrap and runtime every binary shares is services/platform, and
// services/launcher starts them all (kanto-testenv, `make run`).
package services
