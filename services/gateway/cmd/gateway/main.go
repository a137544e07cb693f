// Command gateway serves Kanto's REST/JSON API in front of the gRPC
// services. Run it with -help for its flags; each can also be set through
// its environment variable, KANTO_GATEWAY_<FLAG>.
package main

import (
	"os"

	"github.com/kanto-api/kanto/services/gateway/internal/gateway"
	"github.com/kanto-api/kanto/services/platform"
)

func main() {
	os.Exit(platform.Main("gateway", os.Args[1:], gateway.DefaultConfig(), gateway.Run))
}
