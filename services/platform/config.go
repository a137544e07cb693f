package platform

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"
)

// Config is the configuration every Kanto service shares. Build it with
// DefaultConfig, register it on a flag set with RegisterFlags, and read
// environment variables with ApplyEnv; Validate runs in NewServer.
type Config struct {
	// GRPCAddr is the address the gRPC server listens on.
	GRPCAddr string
	// MetricsAddr is the address of the HTTP server for /metrics and
	// /healthz. Empty disables it.
	MetricsAddr string
	// TLSCertFile and TLSKeyFile enable TLS when both are set.
	TLSCertFile string
	TLSKeyFile  string
	// CuratorToken is the bearer token curator writes need. Empty disables
	// writes: they answer UNAUTHENTICATED without a token and
	// PERMISSION_DENIED with any token.
	CuratorToken string
	// CuratorWrites says the service has curator writes, so RegisterFlags
	// offers -curator-token; services without writes do not show it.
	CuratorWrites bool

	// MaxRecvMsgSize and MaxSendMsgSize bound a single message in bytes.
	MaxRecvMsgSize int
	MaxSendMsgSize int
	// MaxConcurrentStreams bounds the concurrent calls on one connection.
	MaxConcurrentStreams uint
	// ConnectionTimeout bounds the connection handshake.
	ConnectionTimeout time.Duration
	// KeepaliveMinTime is the shortest client keepalive ping interval the
	// server tolerates; clients pinging more often are disconnected.
	KeepaliveMinTime time.Duration
	// KeepaliveTime is how long a connection may be silent before the
	// server pings it; KeepaliveTimeout how long it waits for the answer.
	KeepaliveTime    time.Duration
	KeepaliveTimeout time.Duration
	// MaxConnectionIdle closes connections idle for this long.
	MaxConnectionIdle time.Duration
	// DrainTimeout is how long shutdown waits for in-flight calls and
	// open streams before it stops the server hard.
	DrainTimeout time.Duration
	// MinDeadlineBudget makes a call whose remaining deadline is below it
	// fail at once with DEADLINE_EXCEEDED, before any work is done. Zero
	// disables the check.
	MinDeadlineBudget time.Duration

	// Faults is a fault-injection spec (see ParseFaults); empty, the
	// default, injects nothing.
	Faults string

	// AddrFile, if set, receives the bound gRPC address once the server
	// listens, so supervisors and test harnesses can use port 0.
	AddrFile string

	// LogLevel is debug, info, warn or error; LogFormat is text or json.
	LogLevel  string
	LogFormat string
}

// DefaultConfig returns the defaults of a service listening on grpcAddr with
// its metrics on metricsAddr.
func DefaultConfig(grpcAddr, metricsAddr string) Config {
	return Config{
		GRPCAddr:             grpcAddr,
		MetricsAddr:          metricsAddr,
		MaxRecvMsgSize:       4 << 20,
		MaxSendMsgSize:       16 << 20,
		MaxConcurrentStreams: 1000,
		ConnectionTimeout:    10 * time.Second,
		KeepaliveMinTime:     10 * time.Second,
		KeepaliveTime:        2 * time.Minute,
		KeepaliveTimeout:     20 * time.Second,
		MaxConnectionIdle:    15 * time.Minute,
		DrainTimeout:         10 * time.Second,
		LogLevel:             "info",
		LogFormat:            "text",
	}
}

// RegisterFlags registers the configuration's flags on fs, with the
// configuration's current values as defaults. envPrefix names the
// environment variable of each flag in the usage text (see ApplyEnv).
func (c *Config) RegisterFlags(fs *flag.FlagSet, envPrefix string) {
	env := func(name string) string { return fmt.Sprintf(" (env %s)", EnvName(envPrefix, name)) }
	str := func(p *string, name, usage string) { fs.StringVar(p, name, *p, usage+env(name)) }
	dur := func(p *time.Duration, name, usage string) { fs.DurationVar(p, name, *p, usage+env(name)) }
	str(&c.GRPCAddr, "grpc-addr", "gRPC listen address")
	str(&c.MetricsAddr, "metrics-addr", "HTTP listen address for /metrics and /healthz; empty disables it")
	str(&c.TLSCertFile, "tls-cert", "TLS certificate file (PEM); with -tls-key enables TLS")
	str(&c.TLSKeyFile, "tls-key", "TLS private key file (PEM)")
	if c.CuratorWrites {
		str(&c.CuratorToken, "curator-token", "bearer token that curator writes need; empty disables writes")
	}
	fs.IntVar(&c.MaxRecvMsgSize, "max-recv-msg-size", c.MaxRecvMsgSize, "largest message the server accepts, in bytes"+env("max-recv-msg-size"))
	fs.IntVar(&c.MaxSendMsgSize, "max-send-msg-size", c.MaxSendMsgSize, "largest message the server sends, in bytes"+env("max-send-msg-size"))
	fs.UintVar(&c.MaxConcurrentStreams, "max-concurrent-streams", c.MaxConcurrentStreams, "most concurrent calls per connection"+env("max-concurrent-streams"))
	dur(&c.ConnectionTimeout, "connection-timeout", "time limit of a new connection's handshake")
	dur(&c.KeepaliveMinTime, "keepalive-min-time", "shortest keepalive ping interval clients may use")
	dur(&c.KeepaliveTime, "keepalive-time", "silence after which the server pings a connection")
	dur(&c.KeepaliveTimeout, "keepalive-timeout", "how long the server waits for a ping answer")
	dur(&c.MaxConnectionIdle, "max-connection-idle", "idle time after which a connection is closed")
	dur(&c.DrainTimeout, "drain-timeout", "how long shutdown waits for in-flight calls before stopping hard")
	dur(&c.MinDeadlineBudget, "min-deadline-budget", "calls arriving with less deadline left fail at once with DEADLINE_EXCEEDED; 0 disables")
	str(&c.Faults, "faults", `inject faults, e.g. "GetRoutes=300ms,ListEncounters=UNAVAILABLE@0.5" (tests and demos only)`)
	str(&c.AddrFile, "addr-file", "file to write the bound gRPC address to once listening (for -grpc-addr with port 0)")
	str(&c.LogLevel, "log-level", "log level: debug, info, warn or error")
	str(&c.LogFormat, "log-format", "log format: text or json")
}

// EnvName is the environment variable of a flag: the prefix and the flag
// name in upper case with dashes as underscores, KANTO_POKEDEX_GRPC_ADDR
// for prefix KANTO_POKEDEX and flag grpc-addr.
func EnvName(prefix, flagName string) string {
	return prefix + "_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// ApplyEnv sets every flag of fs that was not given on the command line from
// its environment variable, if that is set. Call it after fs.Parse, so flags
// win over the environment and the environment over defaults.
func ApplyEnv(fs *flag.FlagSet, prefix string) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] {
			return
		}
		name := EnvName(prefix, f.Name)
		if v, ok := os.LookupEnv(name); ok {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
			}
		}
	})
	return errors.Join(errs...)
}

// Validate reports configuration errors, all at once.
func (c *Config) Validate() error {
	var errs []error
	if c.GRPCAddr == "" {
		errs = append(errs, errors.New("grpc-addr must be set"))
	}
	if (c.TLSCertFile == "") != (c.TLSKeyFile == "") {
		errs = append(errs, errors.New("tls-cert and tls-key must be set together"))
	}
	if c.MaxRecvMsgSize <= 0 || c.MaxSendMsgSize <= 0 {
		errs = append(errs, errors.New("message size limits must be positive"))
	}
	if c.MaxConcurrentStreams == 0 {
		errs = append(errs, errors.New("max-concurrent-streams must be positive"))
	}
	if c.DrainTimeout <= 0 {
		errs = append(errs, errors.New("drain-timeout must be positive"))
	}
	if c.MinDeadlineBudget < 0 {
		errs = append(errs, errors.New("min-deadline-budget must not be negative"))
	}
	if _, err := ParseFaults(c.Faults); err != nil {
		errs = append(errs, err)
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		errs = append(errs, err)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log-format must be text or json, not %q", c.LogFormat))
	}
	return errors.Join(errs...)
}

// NewLogger returns the logger the configuration asks for, writing to
// stderr. Only binaries call it: libraries take a *slog.Logger.
func (c *Config) NewLogger(service string) (*slog.Logger, error) {
	level, err := parseLevel(c.LogLevel)
	if err != nil {
		return nil, err
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(os.Stderr, opts)
	if c.LogFormat == "json" {
		h = slog.NewJSONHandler(os.Stderr, opts)
	}
	return slog.New(h).With("service", service), nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("log-level must be debug, info, warn or error, not %q", s)
	}
	return l, nil
}
