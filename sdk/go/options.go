package kanto

import (
	"crypto/tls"
	"errors"
	"fmt"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"
)

const (
	// DefaultTimeout is the deadline given to a unary call whose context
	// has none and whose method has no timeout in the service config.
	DefaultTimeout = 30 * time.Second

	// MinKeepaliveTime is the shortest keepalive ping interval the Kanto
	// servers accept (their enforcement policy's MinTime). A client that
	// pings more often is sent GOAWAY ("too_many_pings") and loses its
	// connection.
	MinKeepaliveTime = 10 * time.Second
)

// DefaultKeepalive is the keepalive configuration used unless
// [WithKeepalive] is given: a ping after 30 seconds of silence on a
// connection with active calls, and the connection closed if the ping is
// not answered within 10 seconds. It keeps long streams such as WatchRoutes
// alive through idle-timeout proxies and detects dead peers.
var DefaultKeepalive = keepalive.ClientParameters{
	Time:                30 * time.Second,
	Timeout:             10 * time.Second,
	PermitWithoutStream: false,
}

// An Option configures the connections of a [Dialer] (and so of the
// generated clients). Options are applied in order, then validated once.
type Option interface {
	apply(*config)
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

// config is the result of the options, validated by validate.
type config struct {
	target         string
	serviceTargets map[string]string

	tlsConfig *tls.Config
	tlsSet    bool
	insecure  bool

	token    string
	tokenSet bool

	defaultTimeout       time.Duration
	defaultStreamTimeout time.Duration
	keepalive            keepalive.ClientParameters
	dialOptions          []grpc.DialOption
}

func newConfig(opts []Option) (*config, error) {
	c := &config{
		serviceTargets: map[string]string{},
		defaultTimeout: DefaultTimeout,
		keepalive:      DefaultKeepalive,
	}
	for _, o := range opts {
		if o != nil {
			o.apply(c)
		}
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("kanto: %w", err)
	}
	return c, nil
}

// validate checks what does not depend on a service; Dialer.Dial checks
// each service's target.
func (c *config) validate() error {
	var errs []error
	if c.tlsSet && c.insecure {
		errs = append(errs, errors.New("WithTLS and WithInsecure exclude each other"))
	}
	if c.tokenSet && c.token == "" {
		errs = append(errs, errors.New("empty bearer token"))
	}
	if c.defaultTimeout < 0 {
		errs = append(errs, fmt.Errorf("negative default timeout %v", c.defaultTimeout))
	}
	if c.defaultStreamTimeout < 0 {
		errs = append(errs, fmt.Errorf("negative default stream timeout %v", c.defaultStreamTimeout))
	}
	if c.keepalive.Time < MinKeepaliveTime {
		errs = append(errs, fmt.Errorf("keepalive time %v is below the servers' minimum of %v", c.keepalive.Time, MinKeepaliveTime))
	}
	if c.keepalive.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("keepalive timeout %v must be positive", c.keepalive.Timeout))
	}
	for name, target := range c.serviceTargets {
		if name == "" || target == "" {
			errs = append(errs, fmt.Errorf("WithServiceTarget(%q, %q): both must be set", name, target))
		}
	}
	return errors.Join(errs...)
}

// WithTarget sets the gRPC target of every service whose own target
// ([WithServiceTarget]) is not given, such as "kanto.example.com:443"
// (resolved through DNS and balanced round robin over every address it
// resolves to) or "127.0.0.1:50051". Behind one proxy that routes by
// service, one target is all a program needs. The default is each
// service's google.api.default_host from the schema.
func WithTarget(target string) Option {
	return optionFunc(func(c *config) { c.target = target })
}

// WithServiceTarget sets the gRPC target of one service, by its full name
// (such as "kanto.pokedex.v1.PokemonService", the Name of its generated
// ServiceInfo). It wins over [WithTarget] and the schema's default host.
func WithServiceTarget(service, target string) Option {
	return optionFunc(func(c *config) { c.serviceTargets[service] = target })
}

// WithTLS makes the client use TLS with the given configuration; nil means
// the system's root certificates and Go's defaults. TLS with the system
// roots is the default when neither WithTLS nor [WithInsecure] is given.
// WithTLS and WithInsecure exclude each other.
func WithTLS(cfg *tls.Config) Option {
	return optionFunc(func(c *config) {
		c.tlsSet = true
		c.tlsConfig = cfg
	})
}

// WithInsecure makes the client use plaintext connections without TLS,
// for local development and tests (kanto-testenv and `make run` serve
// plaintext on 127.0.0.1). The default is TLS. A token set with
// [WithToken] then travels only to a loopback address.
func WithInsecure() Option {
	return optionFunc(func(c *config) { c.insecure = true })
}

// WithToken sends "authorization: Bearer <token>" with every call, as the
// Pokédex's write methods require. The default is no token. The token is
// sent only over TLS or to a loopback address (localhost, 127.0.0.0/8,
// ::1 or a Unix socket): dialing a service at any other address over
// plaintext with a token fails. An authorization header that a call sets
// itself in its outgoing metadata takes precedence over the token.
func WithToken(token string) Option {
	return optionFunc(func(c *config) {
		c.token = token
		c.tokenSet = true
	})
}

// WithDefaultTimeout sets the deadline of unary calls whose context has
// none and whose method has no timeout of its own in the service config
// (that timeout applies instead); 0 disables it. The default is
// [DefaultTimeout] (30 seconds).
func WithDefaultTimeout(d time.Duration) Option {
	return optionFunc(func(c *config) { c.defaultTimeout = d })
}

// WithDefaultStreamTimeout sets the deadline of streaming calls whose
// context has none; the default, 0, gives them none. Streams are meant to
// live long (WatchRoutes with max_updates 0 runs until the client cancels),
// so a program ends them by cancelling its context; set a default here if
// forgotten streams should end by themselves.
func WithDefaultStreamTimeout(d time.Duration) Option {
	return optionFunc(func(c *config) { c.defaultStreamTimeout = d })
}

// WithKeepalive sets the client's keepalive pings. The default is
// [DefaultKeepalive]. Time must be at least [MinKeepaliveTime], the
// interval the servers enforce, and Timeout positive.
func WithKeepalive(p keepalive.ClientParameters) Option {
	return optionFunc(func(c *config) { c.keepalive = p })
}

// WithGRPCDialOptions adds gRPC dial options to every connection, after the
// SDK's own, so they can override them (a custom dialer, stats handlers,
// interceptors). The default is none.
func WithGRPCDialOptions(opts ...grpc.DialOption) Option {
	return optionFunc(func(c *config) { c.dialOptions = append(c.dialOptions, opts...) })
}
