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
	// has none. The service config's shorter per-method timeouts still win,
	// since gRPC applies the earlier of the two.
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

// An Option configures a [Client]. Options are applied in order by
// [NewClient], which then validates the result once.
type Option interface {
	apply(*config)
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

// config is the result of the options, validated by validate.
type config struct {
	pokedexTarget      string
	routePlannerTarget string
	expeditionTarget   string

	tlsConfig *tls.Config
	tlsSet    bool
	insecure  bool

	token         string
	tokenSet      bool
	tokenInsecure bool

	defaultTimeout       time.Duration
	defaultStreamTimeout time.Duration
	keepalive            keepalive.ClientParameters
	dialOptions          []grpc.DialOption
}

func newConfig(target string, opts []Option) (*config, error) {
	c := &config{
		pokedexTarget:      target,
		routePlannerTarget: target,
		expeditionTarget:   target,
		defaultTimeout:     DefaultTimeout,
		keepalive:          DefaultKeepalive,
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

func (c *config) validate() error {
	var errs []error
	for _, t := range []struct{ name, target string }{
		{"Pokédex", c.pokedexTarget},
		{"route planner", c.routePlannerTarget},
		{"expedition", c.expeditionTarget},
	} {
		if t.target == "" {
			errs = append(errs, fmt.Errorf("no target for the %s service: pass one to NewClient or its With...Target option", t.name))
		}
	}
	if c.tlsSet && c.insecure {
		errs = append(errs, errors.New("WithTLS and WithInsecure exclude each other"))
	}
	if c.tokenSet && c.token == "" {
		errs = append(errs, errors.New("empty bearer token"))
	}
	if c.tokenSet && c.insecure && !c.tokenInsecure {
		errs = append(errs, errors.New("WithToken needs TLS; to send a token over a plaintext connection (local development only) use WithInsecureToken"))
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
	return errors.Join(errs...)
}

// WithPokedexTarget sets the gRPC target of the Pokédex
// (kanto.pokedex.v1.PokemonService). The default is the target given to
// [NewClient].
func WithPokedexTarget(target string) Option {
	return optionFunc(func(c *config) { c.pokedexTarget = target })
}

// WithRoutePlannerTarget sets the gRPC target of the route planner
// (kanto.routeplanner.v1.RoutePlannerService). The default is the target
// given to [NewClient].
func WithRoutePlannerTarget(target string) Option {
	return optionFunc(func(c *config) { c.routePlannerTarget = target })
}

// WithExpeditionTarget sets the gRPC target of the expedition planner
// (kanto.expedition.v1.ExpeditionService). The default is the target given
// to [NewClient].
func WithExpeditionTarget(target string) Option {
	return optionFunc(func(c *config) { c.expeditionTarget = target })
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
// [WithToken] is refused on plaintext connections; see [WithInsecureToken].
func WithInsecure() Option {
	return optionFunc(func(c *config) { c.insecure = true })
}

// WithToken sends "authorization: Bearer <token>" with every call, as the
// Pokédex's write methods require. The default is no token. The token is
// only ever sent over TLS: combined with [WithInsecure], [NewClient] fails.
// An authorization header that a call sets itself in its outgoing metadata
// takes precedence over the token.
func WithToken(token string) Option {
	return optionFunc(func(c *config) {
		c.token = token
		c.tokenSet = true
		c.tokenInsecure = false
	})
}

// WithInsecureToken is [WithToken] that also sends the token over
// plaintext connections, where anyone on the path can read it. Use it only
// with local servers, such as those of kanto-testenv or `make run`.
func WithInsecureToken(token string) Option {
	return optionFunc(func(c *config) {
		c.token = token
		c.tokenSet = true
		c.tokenInsecure = true
	})
}

// WithDefaultTimeout sets the deadline of unary calls whose context has
// none; 0 disables it. The default is [DefaultTimeout] (30 seconds). The
// per-method timeouts of the service config apply in any case, and the
// earlier deadline wins.
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
