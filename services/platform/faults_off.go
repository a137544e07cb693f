//go:build !kantofaults

package platform

import "flag"

// FaultsCompiledIn reports whether this build has the -faults flag: true
// in builds with -tags kantofaults, the test and demo builds the launcher
// runs, false in production builds. See package faults.
const FaultsCompiledIn = false

// registerFaultFlags registers nothing: production builds have no fault
// injection to configure.
func (c *ServerConfig) registerFaultFlags(*flag.FlagSet) {}

func (c *ServerConfig) faultInjector() (FaultInjector, error) { return nil, nil }
