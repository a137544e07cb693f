package kanto

import (
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/kanto-api/kanto/gen/go/serviceconfig"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
)

// A Client holds one gRPC connection per Kanto service and hands out a
// typed client for each. Create it with [NewClient] and Close it when done.
// A Client is safe for concurrent use.
type Client struct {
	pokedex      *PokedexClient
	routePlanner *RoutePlannerClient
	expedition   *ExpeditionClient
	conns        []*grpc.ClientConn
}

// NewClient returns a Client for the Kanto services at target, a gRPC
// target such as "pokedex.example.com:443" (resolved through DNS, like
// "dns:///pokedex.example.com:443", and balanced round robin over every
// address it resolves to) or "127.0.0.1:50051". The target serves every
// service unless a per-service option ([WithPokedexTarget],
// [WithRoutePlannerTarget], [WithExpeditionTarget]) names another one; the
// target may be empty if all three are given.
//
// The defaults: TLS with the system roots, no token, the service configs of
// gen/go/serviceconfig (per-method timeouts, retries on UNAVAILABLE) with
// round-robin load balancing, [DefaultTimeout] for unary calls without a
// deadline, and [DefaultKeepalive]. NewClient validates the options and
// fails on a contradiction (for example [WithToken] with [WithInsecure]);
// it does not connect: each service's connection is made on its first call.
func NewClient(target string, opts ...Option) (*Client, error) {
	cfg, err := newConfig(target, opts)
	if err != nil {
		return nil, err
	}
	c := &Client{}
	dial := func(target, svcConfig string) (*grpc.ClientConn, error) {
		dopts, err := cfg.dialOptionsFor(svcConfig)
		if err != nil {
			return nil, err
		}
		conn, err := grpc.NewClient(target, dopts...)
		if err != nil {
			return nil, fmt.Errorf("kanto: target %q: %w", target, err)
		}
		c.conns = append(c.conns, conn)
		return conn, nil
	}
	pokedexConn, err := dial(cfg.pokedexTarget, serviceconfig.Pokedex)
	if err != nil {
		return nil, errors.Join(err, c.Close())
	}
	routePlannerConn, err := dial(cfg.routePlannerTarget, serviceconfig.Routeplanner)
	if err != nil {
		return nil, errors.Join(err, c.Close())
	}
	expeditionConn, err := dial(cfg.expeditionTarget, serviceconfig.Expedition)
	if err != nil {
		return nil, errors.Join(err, c.Close())
	}
	c.pokedex = newPokedexClient(pokedexConn)
	c.routePlanner = newRoutePlannerClient(routePlannerConn)
	c.expedition = newExpeditionClient(expeditionConn)
	return c, nil
}

// Pokedex returns the client of the Pokédex (kanto.pokedex.v1.PokemonService).
func (c *Client) Pokedex() *PokedexClient { return c.pokedex }

// RoutePlanner returns the client of the route planner
// (kanto.routeplanner.v1.RoutePlannerService).
func (c *Client) RoutePlanner() *RoutePlannerClient { return c.routePlanner }

// Expedition returns the client of the expedition planner
// (kanto.expedition.v1.ExpeditionService).
func (c *Client) Expedition() *ExpeditionClient { return c.expedition }

// Close closes every connection of the client. Calls in flight fail with
// CANCELED; the client must not be used afterwards.
func (c *Client) Close() (err error) {
	for _, conn := range c.conns {
		err = errors.Join(err, conn.Close())
	}
	c.conns = nil
	return err
}

// dialOptionsFor returns the dial options of one service's connection.
func (cfg *config) dialOptionsFor(svcConfig string) ([]grpc.DialOption, error) {
	sc, err := withRoundRobin(svcConfig)
	if err != nil {
		return nil, err
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
		grpc.WithUserAgent(UserAgent),
		grpc.WithChainUnaryInterceptor(unaryDefaultDeadline(cfg.defaultTimeout)),
		grpc.WithChainStreamInterceptor(streamDefaultDeadline(cfg.defaultStreamTimeout)),
	}
	if cfg.tokenSet {
		opts = append(opts, grpc.WithPerRPCCredentials(bearerToken{token: cfg.token, requireTLS: !cfg.tokenInsecure}))
	}
	return append(opts, cfg.dialOptions...), nil
}

// withRoundRobin adds round-robin load balancing to a service config that
// names no load-balancing policy of its own. The service config files hold
// call policy only, since a balancing policy is a deployment choice; the
// SDK picks round robin so that a DNS name with several addresses spreads
// calls over all of them (gRPC's default, pick_first, would use one).
func withRoundRobin(svcConfig string) (string, error) {
	var sc map[string]any
	if err := json.Unmarshal([]byte(svcConfig), &sc); err != nil {
		return "", fmt.Errorf("kanto: invalid service config: %w", err)
	}
	if _, ok := sc["loadBalancingConfig"]; !ok {
		sc["loadBalancingConfig"] = []any{map[string]any{"round_robin": map[string]any{}}}
	}
	b, err := json.Marshal(sc)
	if err != nil {
		return "", fmt.Errorf("kanto: service config: %w", err)
	}
	return string(b), nil
}
