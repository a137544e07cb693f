// Command expedition serves kanto.expedition.v1.ExpeditionService, which
// calls the route planner and the Pokédex. Run it with -help for its flags.
package main

import (
	"context"
	"log/slog"
	"net"
	"os"

	"github.com/kanto-api/kanto/services/expedition/internal/app"
	"github.com/kanto-api/kanto/services/platform"
)

func main() {
	cfg := app.DefaultConfig()
	os.Exit(platform.Main("expedition", app.EnvPrefix, &cfg.Runtime, cfg.RegisterFlags,
		func(ctx context.Context, logger *slog.Logger, lis net.Listener) error {
			return app.Run(ctx, cfg, logger, lis)
		}))
}
