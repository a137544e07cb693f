package kanto

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
)

// ServiceInfo describes one service to the runtime. The generated code
// declares one per service of the schema (for example
// pokedexv1kanto.PokemonServiceInfo), and the umbrella client lists them
// all.
type ServiceInfo struct {
	// Name is the service's full protobuf name,
	// "kanto.pokedex.v1.PokemonService".
	Name string
	// DefaultTarget is the service's google.api.default_host from the
	// schema: where it listens unless told otherwise. Empty if the schema
	// names none.
	DefaultTarget string
	// ServiceConfig is the service's gRPC service config, as JSON: the
	// per-method timeouts and retry policies of its service_config.json.
	ServiceConfig string
	// SchemaRevision identifies the schema the generated code came from
	// (a digest of proto/); it travels in the user agent.
	SchemaRevision string
}

// A Dialer makes connections to services with one validated set of
// options. The umbrella client uses one for all its services.
type Dialer struct {
	cfg *config
}

// NewDialer validates opts once and returns a Dialer, or the options'
// errors, all at once.
func NewDialer(opts ...Option) (*Dialer, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	return &Dialer{cfg: cfg}, nil
}

// Dial connects to the service info describes; see [Dialer.Dial].
func Dial(info ServiceInfo, opts ...Option) (*grpc.ClientConn, error) {
	d, err := NewDialer(opts...)
	if err != nil {
		return nil, err
	}
	return d.Dial(info)
}

// Dial returns a connection to the service info describes, at the target
// of [WithServiceTarget] for it, else of [WithTarget], else its default
// target. The connection applies the service's service config (deadlines
// and retries, with round-robin balancing over every address the target
// resolves to), the security options and the SDK's interceptors. It does
// not wait for the server: gRPC connects on the first call. It fails on a
// service without a target, and on a bearer token over plaintext to an
// address that is not loopback.
func (d *Dialer) Dial(info ServiceInfo) (*grpc.ClientConn, error) {
	cfg := d.cfg
	target := cfg.serviceTargets[info.Name]
	if target == "" {
		target = cfg.target
	}
	if target == "" {
		target = info.DefaultTarget
	}
	if target == "" {
		return nil, fmt.Errorf("kanto: no target for %s: the schema names no default host for it; use WithServiceTarget or WithTarget", info.Name)
	}
	if cfg.tokenSet && cfg.insecure && !IsLoopback(target) {
		return nil, fmt.Errorf("kanto: %s: a bearer token is sent only over TLS or to a loopback address, and %s is neither", info.Name, target)
	}
	sc, err := withRoundRobin(info.ServiceConfig)
	if err != nil {
		return nil, fmt.Errorf("kanto: %s: %w", info.Name, err)
	}
	timed, err := methodsWithTimeout(info.ServiceConfig)
	if err != nil {
		return nil, fmt.Errorf("kanto: %s: %w", info.Name, err)
	}
	var creds credentials.TransportCredentials
	if cfg.insecure {
		creds = insecure.NewCredentials()
	} else {
		tlsConfig := cfg.tlsConfig
		if tlsConfig == nil {
			tlsConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		}
		creds = credentials.NewTLS(tlsConfig)
	}
	opts := []grpc.DialOption{
		grpc.WithTransportCredentials(creds),
		grpc.WithDefaultServiceConfig(sc),
		grpc.WithKeepaliveParams(cfg.keepalive),
		grpc.WithUserAgent(UserAgentFor(info)),
		grpc.WithChainUnaryInterceptor(unaryDefaultDeadline(cfg.defaultTimeout, timed)),
		grpc.WithChainStreamInterceptor(streamDefaultDeadline(cfg.defaultStreamTimeout)),
	}
	if cfg.tokenSet {
		// Over plaintext only to loopback, checked above; grpc-go then
		// needs to be told that the token may go without TLS.
		opts = append(opts, grpc.WithPerRPCCredentials(bearerToken{token: cfg.token, requireTLS: !cfg.insecure}))
	}
	conn, err := grpc.NewClient(target, append(opts, cfg.dialOptions...)...)
	if err != nil {
		return nil, fmt.Errorf("kanto: %s: target %q: %w", info.Name, target, err)
	}
	return conn, nil
}

// IsLoopback reports whether a gRPC target names only this machine: a
// Unix socket, "localhost", or a loopback IP address (127.0.0.0/8, ::1),
// with or without a port and a scheme such as dns:///. Bearer tokens may
// travel over plaintext only to such a target.
func IsLoopback(target string) bool {
	addr := target
	if scheme, rest, ok := strings.Cut(target, ":"); ok && isScheme(scheme) {
		switch scheme {
		case "unix", "unix-abstract":
			return true
		case "dns", "passthrough":
			// scheme:[//authority]/host:port
			rest = strings.TrimPrefix(rest, "//")
			if i := strings.Index(rest, "/"); i >= 0 {
				rest = rest[i+1:]
			}
			addr = rest
		default:
			if !isPort(rest) {
				return false // a scheme this check does not know
			}
		}
	}
	host := addr
	if h, _, err := net.SplitHostPort(addr); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// isScheme reports whether s can be a gRPC target's URI scheme (letters,
// then letters, digits, "+" or "-"); a host name such as "localhost" can
// be one too, which the caller tells apart by what follows.
func isScheme(s string) bool {
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '+' || r == '-')) {
			return false
		}
	}
	return s != ""
}

func isPort(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// methodsWithTimeout returns a function that reports whether the service
// config gives a method (its gRPC path, "/<service>/<method>") a timeout
// of its own, by gRPC's matching rules: an entry naming the method, else
// its service, else the default entry.
func methodsWithTimeout(svcConfig string) (func(method string) bool, error) {
	var sc struct {
		MethodConfig []struct {
			Name []struct {
				Service string `json:"service"`
				Method  string `json:"method"`
			} `json:"name"`
			Timeout string `json:"timeout"`
		} `json:"methodConfig"`
	}
	if svcConfig != "" {
		if err := json.Unmarshal([]byte(svcConfig), &sc); err != nil {
			return nil, fmt.Errorf("invalid service config: %w", err)
		}
	}
	// The timeout of each name, "" for an entry without one: the entry
	// that matches a method most precisely decides, timeout or not.
	timeouts := map[[2]string]string{}
	for _, mc := range sc.MethodConfig {
		for _, n := range mc.Name {
			timeouts[[2]string{n.Service, n.Method}] = mc.Timeout
		}
	}
	return func(method string) bool {
		service, name, _ := strings.Cut(strings.TrimPrefix(method, "/"), "/")
		for _, key := range [][2]string{{service, name}, {service, ""}, {"", ""}} {
			if t, ok := timeouts[key]; ok {
				return t != ""
			}
		}
		return false
	}, nil
}

// withRoundRobin adds round-robin load balancing to a service config that
// names no load-balancing policy of its own. The service config files hold
// call policy only, since a balancing policy is a deployment choice; the
// SDK picks round robin so that a DNS name with several addresses spreads
// calls over all of them (gRPC's default, pick_first, would use one).
func withRoundRobin(svcConfig string) (string, error) {
	sc := map[string]any{}
	if svcConfig != "" {
		if err := json.Unmarshal([]byte(svcConfig), &sc); err != nil {
			return "", fmt.Errorf("invalid service config: %w", err)
		}
	}
	if _, ok := sc["loadBalancingConfig"]; !ok {
		sc["loadBalancingConfig"] = []any{map[string]any{"round_robin": map[string]any{}}}
	}
	b, err := json.Marshal(sc)
	if err != nil {
		return "", fmt.Errorf("service config: %w", err)
	}
	return string(b), nil
}
