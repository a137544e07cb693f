// Command routeplanner serves kanto.routeplanner.v1.RoutePlannerService on
// the embedded Kanto map or a graph file. Run it with -help for its flags;
// each can also be set through its environment variable,
// KANTO_ROUTEPLANNER_<FLAG>.
package main

import (
	"os"

	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/routeplanner/internal/app"
)

func main() {
	os.Exit(platform.Main("routeplanner", os.Args[1:], app.DefaultConfig(), app.Run))
}
