// Package platform is the bootstrap and the runtime every Kanto binary
// shares, the REST gateway included. It knows no service: the services
// supply their policy as options.
//
// Bootstrap: a binary's main is one call,
//
//	os.Exit(platform.Main("pokedex", os.Args[1:], app.DefaultConfig(), app.Run))
//
// Main parses the command line and the environment into the binary's
// Config (every flag -x-y has the variable KANTO_<BINARY>_X_Y; see
// ParseFlags), validates it, builds the logger (-log-level, -log-format
// text or json) and runs the binary until SIGINT or SIGTERM. Parsing is
// kept apart from Run, so tests build a Config directly.
//
// Runtime of a gRPC service (Server): request validation with
// protovalidate, panic recovery, a log line and metrics per call, request
// ids, deadline budgets, the standard health service and reflection,
// limits, TLS and graceful shutdown; the metrics and health endpoint
// (Endpoint, also used by the gateway); connections to other services
// (UpstreamConfig.Dial) with the callee's service config, TLS and the
// client interceptors that carry the request id on and log each hop.
//
// Options carry what is a service's own: WithAuthorizer (the Pokédex's
// curator token), WithReadinessCheck (the Pokédex's database), and, for
// tests and demos only, WithFaultInjector. Fault injection is no knob of
// production binaries: the -faults flag exists only in builds with
// -tags kantofaults (see package faults).
package platform
