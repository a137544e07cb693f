// Package services is the root of Kanto's Go services. Each service lives in
// its own directory with a thin cmd/<binary> and its logic in internal/;
// the shared gRPC server runtime is services/runtime.
package services
