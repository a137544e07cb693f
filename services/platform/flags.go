package platform

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

// EnvPrefix is the prefix of the environment variables of a binary's
// flags: KANTO_ and the binary's name in upper case with dashes as
// underscores, KANTO_POKEDEX for pokedex, KANTO_EXPEDITION_DEMO for
// expedition-demo.
func EnvPrefix(binary string) string {
	return "KANTO_" + envWord(binary)
}

// EnvName is the environment variable of a flag: the prefix and the flag
// name in upper case with dashes as underscores, KANTO_POKEDEX_GRPC_ADDR
// for prefix KANTO_POKEDEX and flag grpc-addr.
func EnvName(prefix, flagName string) string {
	return prefix + "_" + envWord(flagName)
}

func envWord(s string) string { return strings.ToUpper(strings.ReplaceAll(s, "-", "_")) }

// ParseFlags parses args into fs, then sets every flag that args did not
// give from its environment variable (see EnvName), looked up with
// lookupEnv (os.LookupEnv in binaries): a flag on the command line wins
// over the environment, and the environment over the defaults. Before
// parsing, it appends "(env NAME)" to the usage text of every flag of fs,
// so -help names each variable and RegisterFlags methods need not.
//
// It returns flag.ErrHelp for -help, and reports every bad environment
// value at once, each naming its variable.
func ParseFlags(fs *flag.FlagSet, envPrefix string, args []string, lookupEnv func(string) (string, bool)) error {
	fs.VisitAll(func(f *flag.Flag) {
		if env := " (env " + EnvName(envPrefix, f.Name) + ")"; !strings.HasSuffix(f.Usage, env) {
			f.Usage += env
		}
	})
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		// The flag package has printed the error and the usage already.
		return printedError{err}
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: every setting is a flag", fs.Args())
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] {
			return
		}
		name := EnvName(envPrefix, f.Name)
		if v, ok := lookupEnv(name); ok {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
			}
		}
	})
	// An environment variable meant for fault injection, given to a
	// binary that has none, would otherwise be ignored without a word, and
	// a test or demo would run without the faults it relies on.
	if fs.Lookup("faults") == nil {
		if name := EnvName(envPrefix, "faults"); lookupSet(lookupEnv, name) {
			errs = append(errs, fmt.Errorf("%s is set, but this binary has no fault injection: it is compiled only into builds with -tags kantofaults (make build puts them in .build/bin/kantofaults)", name))
		}
	}
	return errors.Join(errs...)
}

func lookupSet(lookupEnv func(string) (string, bool), name string) bool {
	v, ok := lookupEnv(name)
	return ok && v != ""
}

// printedError is a command-line error the flag package has already
// printed, with the usage, so Main does not print it again.
type printedError struct{ err error }

func (e printedError) Error() string { return e.err.Error() }
func (e printedError) Unwrap() error { return e.err }
