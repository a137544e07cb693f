package platform

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
)

// LogConfig is the logging configuration every Kanto binary shares.
type LogConfig struct {
	// Level is debug, info, warn or error. Default info.
	Level string
	// Format is text or json. Default text; the launcher uses json, which
	// scripts/hops.py reads.
	Format string
}

// DefaultLogConfig returns the defaults: info, text.
func DefaultLogConfig() LogConfig {
	return LogConfig{Level: "info", Format: "text"}
}

// RegisterFlags registers -log-level and -log-format on fs.
func (c *LogConfig) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Level, "log-level", c.Level, "log level: debug, info, warn or error")
	fs.StringVar(&c.Format, "log-format", c.Format, "log format: text or json")
}

// Validate reports configuration errors, all at once.
func (c LogConfig) Validate() error {
	var errs []error
	if _, err := parseLevel(c.Level); err != nil {
		errs = append(errs, err)
	}
	if c.Format != "text" && c.Format != "json" {
		errs = append(errs, fmt.Errorf("log-format must be text or json, not %q", c.Format))
	}
	return errors.Join(errs...)
}

// NewLogger returns the logger the configuration asks for, writing to w,
// with every line naming binary as "service". Only Main and tests call it:
// libraries take a *slog.Logger.
func (c LogConfig) NewLogger(w io.Writer, binary string) (*slog.Logger, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	level, _ := parseLevel(c.Level)
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if c.Format == "json" {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(h).With("service", binary), nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("log-level must be debug, info, warn or error, not %q", s)
	}
	return l, nil
}
