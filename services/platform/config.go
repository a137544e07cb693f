package platform

import (
	"errors"
	"flag"
	"net"
	"time"
)

// ServerConfig is the configuration every Kanto gRPC service shares. A
// binary's Config holds one, filled by DefaultServerConfig, registers its
// flags with RegisterFlags and validates it with Validate; NewServer
// validates it again.
type ServerConfig struct {
	// GRPCAddr is the address the gRPC server listens on: host:port, or
	// fd:N for a listening socket inherited as file descriptor N (the
	// launcher binds every port itself, so that it knows each address
	// before it starts any binary).
	GRPCAddr string
	// MetricsAddr is the address of the HTTP endpoint for /metrics and
	// /healthz. Empty disables it.
	MetricsAddr string
	// AddrFile, if set, receives the bound addresses as JSON,
	// {"grpc":"127.0.0.1:41001","metrics":"127.0.0.1:41002"}, as soon as
	// the server listens, so a launcher can use port 0. It is no readiness
	// signal: the health service is.
	AddrFile string
	// TLSCertFile and TLSKeyFile enable TLS when both are set.
	TLSCertFile string
	TLSKeyFile  string

	// MaxRecvMsgSize and MaxSendMsgSize bound a single message in bytes.
	MaxRecvMsgSize int
	MaxSendMsgSize int
	// MaxConcurrentStreams bounds the concurrent calls on one connection.
	MaxConcurrentStreams uint
	// MaxHeaderListSize bounds a request's header block in bytes: larger
	// ones are refused before they cost more memory (grpc-go's own bound
	// is 16 MiB).
	MaxHeaderListSize uint
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

	// Log configures the binary's logger (Main builds it).
	Log LogConfig

	// GRPCListener and MetricsListener, when set, are served instead of
	// listening on GRPCAddr and MetricsAddr: tests pass listeners on
	// 127.0.0.1:0 and so know the ports. They are not flags.
	GRPCListener    net.Listener
	MetricsListener net.Listener

	// faults is the -faults spec of builds with fault injection (see
	// faults_on.go); other builds have no way to set it.
	faults string
}

// DefaultServerConfig returns the defaults of a service listening on
// grpcAddr, its metrics and health endpoint on metricsAddr.
func DefaultServerConfig(grpcAddr, metricsAddr string) ServerConfig {
	return ServerConfig{
		GRPCAddr:             grpcAddr,
		MetricsAddr:          metricsAddr,
		MaxRecvMsgSize:       4 << 20,
		MaxSendMsgSize:       16 << 20,
		MaxConcurrentStreams: 1000,
		MaxHeaderListSize:    64 << 10,
		ConnectionTimeout:    10 * time.Second,
		KeepaliveMinTime:     10 * time.Second,
		KeepaliveTime:        2 * time.Minute,
		KeepaliveTimeout:     20 * time.Second,
		MaxConnectionIdle:    15 * time.Minute,
		DrainTimeout:         10 * time.Second,
		Log:                  DefaultLogConfig(),
	}
}

// RegisterFlags registers the configuration's flags on fs, with its
// current values as defaults.
func (c *ServerConfig) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.GRPCAddr, "grpc-addr", c.GRPCAddr, "gRPC listen address (host:port, or fd:N for an inherited listening socket)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "HTTP listen address for /metrics and /healthz; empty disables it")
	fs.StringVar(&c.AddrFile, "addr-file", c.AddrFile, `file to write the bound addresses to as JSON, {"grpc":...,"metrics":...}, once listening (for port 0)`)
	fs.StringVar(&c.TLSCertFile, "tls-cert", c.TLSCertFile, "TLS certificate file (PEM); with -tls-key enables TLS")
	fs.StringVar(&c.TLSKeyFile, "tls-key", c.TLSKeyFile, "TLS private key file (PEM)")
	fs.IntVar(&c.MaxRecvMsgSize, "max-recv-msg-size", c.MaxRecvMsgSize, "largest message the server accepts, in bytes")
	fs.IntVar(&c.MaxSendMsgSize, "max-send-msg-size", c.MaxSendMsgSize, "largest message the server sends, in bytes")
	fs.UintVar(&c.MaxConcurrentStreams, "max-concurrent-streams", c.MaxConcurrentStreams, "most concurrent calls per connection")
	fs.UintVar(&c.MaxHeaderListSize, "max-header-list-size", c.MaxHeaderListSize, "largest request header block accepted, in bytes")
	fs.DurationVar(&c.ConnectionTimeout, "connection-timeout", c.ConnectionTimeout, "time limit of a new connection's handshake")
	fs.DurationVar(&c.KeepaliveMinTime, "keepalive-min-time", c.KeepaliveMinTime, "shortest keepalive ping interval clients may use")
	fs.DurationVar(&c.KeepaliveTime, "keepalive-time", c.KeepaliveTime, "silence after which the server pings a connection")
	fs.DurationVar(&c.KeepaliveTimeout, "keepalive-timeout", c.KeepaliveTimeout, "how long the server waits for a ping answer")
	fs.DurationVar(&c.MaxConnectionIdle, "max-connection-idle", c.MaxConnectionIdle, "idle time after which a connection is closed")
	fs.DurationVar(&c.DrainTimeout, "drain-timeout", c.DrainTimeout, "how long shutdown waits for in-flight calls before stopping hard")
	fs.DurationVar(&c.MinDeadlineBudget, "min-deadline-budget", c.MinDeadlineBudget, "calls arriving with less deadline left fail at once with DEADLINE_EXCEEDED; 0 disables")
	c.Log.RegisterFlags(fs)
	c.registerFaultFlags(fs)
}

// Validate reports configuration errors, all at once.
func (c *ServerConfig) Validate() error {
	var errs []error
	if c.GRPCAddr == "" && c.GRPCListener == nil {
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
	if _, err := c.faultInjector(); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, c.Log.Validate())
	return errors.Join(errs...)
}
