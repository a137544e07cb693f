// Command routeplanner serves kanto.routeplanner.v1.RoutePlannerService on
// the embedded Kanto map or a graph file. Run it with -help for its flags.
package main

import (
	"context"
	"log/slog"
	"net"
	"os"

	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/routeplanner/internal/app"
)

func main() {
	cfg := app.DefaultConfig()
	os.Exit(platform.Main("routeplanner", app.EnvPrefix, &cfg.Runtime, cfg.RegisterFlags,
		func(ctx context.Context, logger *slog.Logger, lis net.Listener) error {
			return app.Run(ctx, cfg, logger, lis)
		}))
}
