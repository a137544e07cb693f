package platform

import (
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/kanto-api/kanto/gen/goserver/kantoregistry"
	kanto "github.com/kanto-api/kanto/sdk/go"
	"google.golang.org/grpc"
)

// UpstreamConfig configures the connections a binary makes to Kanto
// services: the target of each, and TLS. Build it with
// NewUpstreamConfig; Dial connects.
type UpstreamConfig struct {
	// Targets are the gRPC targets of the services, by full service name
	// (any target grpc.NewClient accepts). Each defaults to the service's
	// google.api.default_host from the schema.
	Targets map[string]string
	// TLS dials the services over TLS, trusting the system roots. The
	// default is plaintext, for loopback and meshes that encrypt
	// themselves.
	TLS bool

	// services are the services configured, in order.
	services []kantoregistry.Service
}

// NewUpstreamConfig returns the configuration of connections to the
// services infos describe, each at its default target. It panics on a
// service the schema's registry (kantoregistry) lacks, which is a
// programming error.
func NewUpstreamConfig(infos ...kanto.ServiceInfo) UpstreamConfig {
	c := UpstreamConfig{Targets: map[string]string{}}
	for _, info := range infos {
		i := slices.IndexFunc(kantoregistry.Services, func(s kantoregistry.Service) bool { return s.Info.Name == info.Name })
		if i < 0 {
			panic(fmt.Sprintf("platform: %s is not a service of the schema", info.Name))
		}
		c.services = append(c.services, kantoregistry.Services[i])
		c.Targets[info.Name] = info.DefaultTarget
	}
	return c
}

// RegisterFlags registers one -<component>-addr flag per binary that
// serves the configured services (-pokedex-addr for kanto.pokedex.v1),
// which sets the target of every service that binary serves, and
// -upstream-tls. The flags write into c.Targets, so copies of c share
// them.
func (c *UpstreamConfig) RegisterFlags(fs *flag.FlagSet) {
	for _, comp := range c.components() {
		fs.Var(&targetFlag{targets: c.Targets, services: comp.services}, comp.name+"-addr",
			"gRPC target of "+strings.Join(comp.services, ", "))
	}
	fs.BoolVar(&c.TLS, "upstream-tls", c.TLS, "dial the services over TLS, trusting the system roots")
}

// Validate reports every service without a target, at once.
func (c *UpstreamConfig) Validate() error {
	var errs []error
	for _, svc := range c.services {
		if c.Targets[svc.Info.Name] == "" {
			errs = append(errs, fmt.Errorf("no target for %s (-%s-addr)", svc.Info.Name, svc.Component))
		}
	}
	return errors.Join(errs...)
}

// Services returns the services configured, in order.
func (c *UpstreamConfig) Services() []kantoregistry.Service { return slices.Clone(c.services) }

// Dial returns a connection to the service info describes, at its
// configured target, through the Go SDK's runtime (kanto.Dial): with the
// service's gRPC service config (per-method timeouts, retries on
// UNAVAILABLE, round robin over the target's addresses), TLS or plaintext
// as configured, and the platform's client interceptors, which send the
// request id of ctx on (see NewContextWithRequestID) and log each call
// at debug level as "downstream call" with its deadline budget. It adds
// no deadline of its own: a call without one stays without one, unless
// the service config gives its method a timeout. It does not wait for
// the server: gRPC connects on the first call.
func (c *UpstreamConfig) Dial(info kanto.ServiceInfo, logger *slog.Logger) (*grpc.ClientConn, error) {
	target := c.Targets[info.Name]
	if target == "" {
		return nil, fmt.Errorf("no target for %s", info.Name)
	}
	opts := []kanto.Option{
		kanto.WithServiceTarget(info.Name, target),
		kanto.WithDefaultTimeout(0),
		kanto.WithGRPCDialOptions(clientInterceptors(logger)...),
	}
	if c.TLS {
		opts = append(opts, kanto.WithTLS(&tls.Config{MinVersion: tls.VersionTLS12}))
	} else {
		opts = append(opts, kanto.WithInsecure())
	}
	conn, err := kanto.Dial(info, opts...)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", info.Name, err)
	}
	return conn, nil
}

// A component is one binary and the services it serves.
type component struct {
	name     string
	services []string
}

// components groups the configured services by binary, in order.
func (c *UpstreamConfig) components() []component {
	var out []component
	for _, svc := range c.services {
		i := slices.IndexFunc(out, func(comp component) bool { return comp.name == svc.Component })
		if i < 0 {
			out = append(out, component{name: svc.Component})
			i = len(out) - 1
		}
		out[i].services = append(out[i].services, svc.Info.Name)
	}
	return out
}

// targetFlag is a -<component>-addr flag: it sets the target of every
// service of one binary. Its String shows the first one's, so -help
// prints the default.
type targetFlag struct {
	targets  map[string]string
	services []string
}

func (f *targetFlag) String() string {
	if f == nil || len(f.services) == 0 {
		return ""
	}
	return f.targets[f.services[0]]
}

func (f *targetFlag) Set(v string) error {
	for _, svc := range f.services {
		f.targets[svc] = v
	}
	return nil
}
