// Package platform is the gRPC server runtime every Kanto service shares:
// request validation with protovalidate, panic recovery, structured
// logging, metrics, health and reflection, limits, bearer-token auth for
// writes, TLS and graceful shutdown.
package platform
