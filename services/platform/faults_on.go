//go:build kantofaults

package platform

import (
	"flag"

	"github.com/kanto-api/kanto/services/platform/faults"
)

// FaultsCompiledIn reports whether this build has the -faults flag: true
// in builds with -tags kantofaults, the test and demo builds the launcher
// runs, false in production builds. See package faults.
const FaultsCompiledIn = true

func (c *ServerConfig) registerFaultFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.faults, "faults", c.faults, `inject faults, e.g. "GetRoutes=300ms,ListEncounters=UNAVAILABLE@0.5,GetPokemon=UNAVAILABLE#2" (test builds only)`)
}

// faultInjector returns the injector of the -faults spec; nil for none.
func (c *ServerConfig) faultInjector() (FaultInjector, error) {
	if c.faults == "" {
		return nil, nil
	}
	f, err := faults.Parse(c.faults)
	if err != nil || f.Empty() {
		return nil, err
	}
	return f, nil
}
