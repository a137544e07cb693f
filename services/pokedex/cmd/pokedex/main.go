// Command pokedex serves kanto.pokedex.v1.PokemonService. Run it with
// -help for its flags; each can also be set through its environment
// variable, KANTO_POKEDEX_<FLAG>.
package main

import (
	"os"

	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/pokedex/internal/app"
)

func main() {
	os.Exit(platform.Main("pokedex", os.Args[1:], app.DefaultConfig(), app.Run))
}
