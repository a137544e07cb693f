// Command pokedex serves kanto.pokedex.v1.PokemonService. Run it with
// -help for its flags.
package main

import (
	"context"
	"log/slog"
	"net"
	"os"

	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/pokedex/internal/app"
)

func main() {
	cfg := app.DefaultConfig()
	os.Exit(platform.Main("pokedex", app.EnvPrefix, &cfg.Runtime, cfg.RegisterFlags,
		func(ctx context.Context, logger *slog.Logger, lis net.Listener) error {
			return app.Run(ctx, cfg, logger, lis)
		}))
}
