// Command expedition serves kanto.expedition.v1.ExpeditionService, which
// calls the route planner and the Pokédex. Run it with -help for its
// flags; each can also be set through its environment variable,
// KANTO_EXPEDITION_<FLAG>.
package main

import (
	"os"

	"github.com/kanto-api/kanto/services/expedition/internal/app"
	"github.com/kanto-api/kanto/services/platform"
)

func main() {
	os.Exit(platform.Main("expedition", os.Args[1:], app.DefaultConfig(), app.Run))
}
