package launcher

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Binaries returns the packages of the binaries the launcher starts,
// relative to the services module: ./<component>/cmd/<component> for
// each component of the schema, and the gateway.
func Binaries() []string {
	var pkgs []string
	for _, name := range append(Components(), Gateway) {
		pkgs = append(pkgs, "./"+name+"/cmd/"+name)
	}
	return pkgs
}

// Build builds the binaries the launcher starts into dir, with the given
// build tags (kantofaults for fault injection), from the services module
// that contains the working directory. Tests that start binaries call it
// once; `make build` builds the same.
func Build(ctx context.Context, dir string, tags ...string) error {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return errors.New("launcher: go env GOMOD: not in a module")
	}
	args := []string{"build", "-o", dir + string(filepath.Separator)}
	if len(tags) > 0 {
		args = append(args, "-tags", strings.Join(tags, ","))
	}
	cmd := exec.CommandContext(ctx, "go", append(args, Binaries()...)...)
	cmd.Dir = filepath.Dir(gomod)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("launcher: build the binaries: %w\n%s", err, out)
	}
	return nil
}
