// Package callpolicy is the breaking check of the call policies in the
// service_config.json next to each proto package: a method's timeout
// shortened, or its retry policy removed, breaks callers that relied on
// them, although the schema itself is unchanged. buf check plugins see
// only proto files, so `make breaking` runs this as a step of its own
// (cmd/kanto-callpolicy), with the same accept policy and the same
// exemption of unstable packages as buf's rules.
package callpolicy

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/kanto-api/kanto/plugins/internal/model"
	"github.com/kanto-api/kanto/plugins/internal/svcconfig"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Rule ids, named like the buf plugin's.
const (
	TimeoutNoShorten = "KANTO_CALL_TIMEOUT_NO_SHORTEN"
	RetryNoDelete    = "KANTO_CALL_RETRY_NO_DELETE"
)

// A Finding is one call policy change that breaks callers.
type Finding struct {
	Rule string
	// Path is the service config file, as given by the root it was read
	// from ("proto/kanto/pokedex/v1/service_config.json"), and Line the
	// line (from 1) of the entry that now governs the method, or 1.
	Path    string
	Line    int
	Message string
}

// A Schema is one side of the comparison: its files (from a buf image)
// and the directory its proto paths are relative to, where the service
// configs are.
type Schema struct {
	Files []protoreflect.FileDescriptor
	Root  string
}

// Compare returns the call policy changes from against to current of
// every method present in both, in stable packages only: unstable ones
// (v1alpha1, v1beta1, v1test) may change freely, as buf.yaml's
// ignore_unstable_packages has it for the schema. A method's policy is
// gRPC's: the entry naming the method, else its service, else the
// default entry.
func Compare(current, against Schema) ([]Finding, error) {
	curConfigs, err := configs(current)
	if err != nil {
		return nil, err
	}
	prevConfigs, err := configs(against)
	if err != nil {
		return nil, err
	}
	curMethods := methods(current.Files)
	var out []Finding
	for _, pm := range sorted(methods(against.Files)) {
		m, ok := curMethods[pm.FullName()]
		if !ok || Unstable(string(m.ParentFile().Package())) {
			continue
		}
		svc, name := string(m.Parent().FullName()), string(m.Name())
		dir := path.Dir(m.ParentFile().Path())
		prev, cur := prevConfigs[path.Dir(pm.ParentFile().Path())], curConfigs[dir]
		var was, now svcconfig.Policy
		if prev != nil {
			was = prev.Policy(svc, name)
		}
		file := filepath.ToSlash(filepath.Join(current.Root, filepath.FromSlash(dir), model.ServiceConfigFile))
		line := 1
		if cur != nil {
			now = cur.Policy(svc, name)
			line = entryLine(cur, svc, name)
		}
		subject := fmt.Sprintf("Method %q of service %q", name, svc)
		if now.Timeout > 0 && (was.Timeout == 0 || now.Timeout < was.Timeout) {
			old := "none"
			if was.Timeout > 0 {
				old = svcconfig.FormatDuration(was.Timeout)
			}
			out = append(out, Finding{Rule: TimeoutNoShorten, Path: file, Line: line,
				Message: fmt.Sprintf("%s shortened its timeout from %s to %s: calls that took longer, and succeeded, now fail with DEADLINE_EXCEEDED.", subject, old, svcconfig.FormatDuration(now.Timeout))})
		}
		if was.Retry != nil && now.Retry == nil {
			out = append(out, Finding{Rule: RetryNoDelete, Path: file, Line: line,
				Message: fmt.Sprintf("%s lost its retry policy (from %s to none): failures it retried (%s) now reach callers.", subject, retryString(was.Retry), strings.Join(was.Retry.RetryableStatusCodes, ", "))})
		}
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return out, nil
}

func retryString(r *svcconfig.RetryPolicy) string {
	return fmt.Sprintf("maxAttempts %d on %s", r.MaxAttempts, strings.Join(r.RetryableStatusCodes, ", "))
}

// versionSuffix is a package's last element when it is a version, as buf
// reads it: v1, v1beta1, v2alpha, v1p1beta1, v1test, v1testfoo.
var versionSuffix = regexp.MustCompile(`^v\d+((p\d+)?(alpha|beta)\d*|test\w*)?$`)

// Unstable reports whether pkg ends in an unstable version (v1alpha1,
// v1beta1, v1test...), which buf's ignore_unstable_packages exempts.
func Unstable(pkg string) bool {
	last := pkg[strings.LastIndex(pkg, ".")+1:]
	if !versionSuffix.MatchString(last) {
		return false
	}
	return !regexp.MustCompile(`^v\d+$`).MatchString(last)
}

// configs reads the service config of every directory of s's files that
// has one, by directory.
func configs(s Schema) (map[string]*svcconfig.Config, error) {
	out := map[string]*svcconfig.Config{}
	var errs []error
	for _, f := range s.Files {
		dir := path.Dir(f.Path())
		if _, done := out[dir]; done {
			continue
		}
		file := filepath.Join(s.Root, filepath.FromSlash(dir), model.ServiceConfigFile)
		data, err := os.ReadFile(file)
		if errors.Is(err, fs.ErrNotExist) {
			out[dir] = nil
			continue
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cfg, err := svcconfig.Parse(filepath.ToSlash(file), data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[dir] = cfg
	}
	return out, errors.Join(errs...)
}

func methods(files []protoreflect.FileDescriptor) map[protoreflect.FullName]protoreflect.MethodDescriptor {
	out := map[protoreflect.FullName]protoreflect.MethodDescriptor{}
	for _, f := range files {
		for i := range f.Services().Len() {
			ms := f.Services().Get(i).Methods()
			for j := range ms.Len() {
				out[ms.Get(j).FullName()] = ms.Get(j)
			}
		}
	}
	return out
}

func sorted(ms map[protoreflect.FullName]protoreflect.MethodDescriptor) []protoreflect.MethodDescriptor {
	out := make([]protoreflect.MethodDescriptor, 0, len(ms))
	for _, m := range ms {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b protoreflect.MethodDescriptor) int {
		return strings.Compare(string(a.FullName()), string(b.FullName()))
	})
	return out
}

// entryLine returns the line of cfg's file where the entry that governs
// service/method names it: the method's own name, else the service's,
// else the first line.
func entryLine(cfg *svcconfig.Config, service, method string) int {
	data, err := os.ReadFile(cfg.Path)
	if err != nil {
		return 1
	}
	lines := strings.Split(string(data), "\n")
	q := regexp.QuoteMeta
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`"service"\s*:\s*"` + q(service) + `"\s*,\s*"method"\s*:\s*"` + q(method) + `"`),
		regexp.MustCompile(`"method"\s*:\s*"` + q(method) + `"\s*,\s*"service"\s*:\s*"` + q(service) + `"`),
		regexp.MustCompile(`"service"\s*:\s*"` + q(service) + `"\s*}`),
		regexp.MustCompile(`"method"\s*:\s*"` + q(method) + `"`),
	} {
		for i, l := range lines {
			if re.MatchString(l) {
				return i + 1
			}
		}
	}
	return 1
}
