//go:build !kantofaults

package platform

import (
	"errors"
	"flag"
)

// FaultsCompiledIn reports whether this build has the -faults flag: true
// in builds with -tags kantofaults, the test and demo builds the launcher
// runs, false in production builds. See package faults.
const FaultsCompiledIn = false

// registerFaultFlags registers nothing: production builds have no fault
// injection to configure.
func (c *ServerConfig) registerFaultFlags(*flag.FlagSet) {}

// faultInjector returns no injector: nothing in a production build sets
// the spec, and one that did would be a bug worth failing on.
func (c *ServerConfig) faultInjector() (FaultInjector, error) {
	if c.faults != "" {
		return nil, errors.New("faults: fault injection is compiled only into builds with -tags kantofaults")
	}
	return nil, nil
}
