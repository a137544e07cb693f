// Command gateway serves Kanto's REST/JSON API in front of the gRPC
// services. Run it with -help for its flags; every flag can also be set
// through the environment variable named in its usage.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/kanto-api/kanto/services/gateway/internal/gateway"
	"github.com/kanto-api/kanto/services/platform"
)

const envPrefix = "KANTO_GATEWAY"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gateway:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg := gateway.DefaultConfig()
	fs := flag.NewFlagSet("gateway", flag.ContinueOnError)
	cfg.RegisterFlags(fs, func(name string) string { return " (env " + platform.EnvName(envPrefix, name) + ")" })
	addrFile := fs.String("addr-file", "", "file to write the bound HTTP address to once listening (env "+platform.EnvName(envPrefix, "addr-file")+")")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error (env "+platform.EnvName(envPrefix, "log-level")+")")
	if err := fs.Parse(os.Args[1:]); err != nil {
		if err == flag.ErrHelp {
			return nil
		}
		return err
	}
	if err := platform.ApplyEnv(fs, envPrefix); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("log-level: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})).With("service", "gateway")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	gw, err := gateway.New(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer gw.Close()
	lis, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return err
	}
	if *addrFile != "" {
		if err := platform.WriteAddrFile(*addrFile, lis.Addr().String()); err != nil {
			return err
		}
	}
	return gw.Serve(ctx, lis)
}
