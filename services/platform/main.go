package platform

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
)

// Main is the body of a service binary: it registers the shared flags of
// cfg and the service's own (registerFlags may be nil), parses the command
// line and then the environment (envPrefix, for example KANTO_POKEDEX),
// builds the logger, listens on cfg.GRPCAddr and calls run until SIGINT or
// SIGTERM cancels its context. It returns the process exit code.
func Main(name, envPrefix string, cfg *Config, registerFlags func(fs *flag.FlagSet, env func(string) string), run func(ctx context.Context, logger *slog.Logger, lis net.Listener) error) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cfg.RegisterFlags(fs, envPrefix)
	if registerFlags != nil {
		registerFlags(fs, func(flagName string) string { return " (env " + EnvName(envPrefix, flagName) + ")" })
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage of %s:\n\nEvery flag can also be set through the environment variable named in its\nusage; a flag on the command line wins over the environment.\n\n", name)
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := ApplyEnv(fs, envPrefix); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		return 2
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		return 2
	}
	logger, err := cfg.NewLogger(name)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	lis, err := net.Listen("tcp", cfg.GRPCAddr)
	if err != nil {
		logger.Error("listen failed", "addr", cfg.GRPCAddr, "error", err)
		return 1
	}
	if err := run(ctx, logger, lis); err != nil {
		logger.Error("service failed", "error", err)
		return 1
	}
	return 0
}

// WriteAddrFile writes addr to path atomically (a temporary file renamed
// into place), so a reader polling for path never sees a partial address.
func WriteAddrFile(path, addr string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(addr+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
