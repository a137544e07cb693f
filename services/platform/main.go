package platform

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// Config is what Main needs of a binary's configuration, a struct with
// its defaults filled in by the binary's DefaultConfig. Its pointer type
// implements the interface.
type Config interface {
	// RegisterFlags registers every setting as a flag on fs, with the
	// configuration's current values as defaults. Environment variables
	// need no registration: ParseFlags derives them from the flag names.
	RegisterFlags(fs *flag.FlagSet)
	// Validate reports configuration errors, all at once.
	Validate() error
	// Logging returns the logging part of the configuration.
	Logging() LogConfig
}

// ParseConfig fills cfg from args (without the program name) and the
// environment, as binary's command line would, and validates it: flags
// win over environment variables (KANTO_<BINARY>_<FLAG>, see ParseFlags)
// and those over cfg's values. It returns flag.ErrHelp for -help, after
// printing the usage to fs's output (stderr). Tests that do not test
// parsing build a Config directly instead.
func ParseConfig(binary string, cfg Config, args []string, lookupEnv func(string) (string, bool)) error {
	fs := flag.NewFlagSet(binary, flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage of %s:\n\nEvery flag can also be set through the environment variable named in its\nusage; a flag on the command line wins over the environment.\n\n", binary)
		fs.PrintDefaults()
	}
	if err := ParseFlags(fs, EnvPrefix(binary), args, lookupEnv); err != nil {
		return err
	}
	return cfg.Validate()
}

// Main is the body of every Kanto binary's main function:
//
//	os.Exit(platform.Main("pokedex", os.Args[1:], app.DefaultConfig(), app.Run))
//
// It parses args and the environment into cfg (see ParseConfig), builds
// the logger cfg asks for on stderr, and calls run with a context that
// SIGINT or SIGTERM cancels; run shuts down gracefully when it ends. It
// returns the exit code: 0 after a clean run or -help, 1 when run fails,
// 2 for a bad configuration.
func Main[C any, P interface {
	*C
	Config
}](binary string, args []string, cfg C, run func(ctx context.Context, cfg C, logger *slog.Logger) error) int {
	if err := ParseConfig(binary, P(&cfg), args, os.LookupEnv); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if !errors.As(err, new(printedError)) {
			fmt.Fprintf(os.Stderr, "%s: %v\n", binary, err)
		}
		return 2
	}
	logger, err := P(&cfg).Logging().NewLogger(os.Stderr, binary)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", binary, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, logger); err != nil {
		logger.Error("failed", "error", err)
		return 1
	}
	return 0
}
