package callpolicy_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kanto-api/kanto/plugins/internal/callpolicy"
	tp "github.com/kanto-api/kanto/plugins/internal/testproto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

// schema builds package pkg (in directory dir) with service S of methods
// A and B, and writes config, if not empty, as its service_config.json
// under a new root.
func schema(t *testing.T, pkg, config string) callpolicy.Schema {
	t.Helper()
	dir := strings.ReplaceAll(pkg, ".", "/")
	f := tp.File(dir+"/s.proto", pkg, []*descriptorpb.DescriptorProto{tp.Message("Req"), tp.Message("Resp")},
		tp.Service("S", tp.Method(pkg, "A", "Req", "Resp", false, false), tp.Method(pkg, "B", "Req", "Resp", false, false)))
	root := t.TempDir()
	if config != "" {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, dir, "service_config.json"), []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return callpolicy.Schema{Files: []protoreflect.FileDescriptor{tp.Descriptor(t, f)}, Root: root}
}

const retry = `"retryPolicy": {"maxAttempts": 3, "initialBackoff": "0.1s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}`

// config writes a service config with one entry for method A of pkg.S
// (timeout and retry optional) and one for the whole service.
func config(pkg, timeoutA string, retryA bool, timeoutS string) string {
	a := `{"name": [{"service": "` + pkg + `.S", "method": "A"}]`
	if timeoutA != "" {
		a += `, "timeout": "` + timeoutA + `"`
	}
	if retryA {
		a += ", " + retry
	}
	s := `{"name": [{"service": "` + pkg + `.S"}]`
	if timeoutS != "" {
		s += `, "timeout": "` + timeoutS + `"`
	}
	return "{\n  \"methodConfig\": [\n    " + a + "},\n    " + s + "}\n  ]\n}\n"
}

func TestCompare(t *testing.T) {
	t.Parallel()
	const v1 = "kanto.lab.v1"
	tests := []struct {
		name      string
		pkg       string
		prev, cur string
		want      []string // "RULE line: message part"
	}{
		{name: "unchanged", pkg: v1, prev: config(v1, "5s", true, "10s"), cur: config(v1, "5s", true, "10s")},
		{name: "timeout lengthened", pkg: v1, prev: config(v1, "5s", true, "10s"), cur: config(v1, "6s", true, "20s")},
		{name: "timeout removed", pkg: v1, prev: config(v1, "5s", true, "10s"), cur: config(v1, "", true, "")},
		{name: "retry added", pkg: v1, prev: config(v1, "5s", false, "10s"), cur: config(v1, "5s", true, "10s")},
		{name: "no configs", pkg: v1},
		{
			name: "timeout shortened", pkg: v1, prev: config(v1, "5s", true, "10s"), cur: config(v1, "1.5s", true, "10s"),
			want: []string{`KANTO_CALL_TIMEOUT_NO_SHORTEN 3: Method "A" of service "kanto.lab.v1.S" shortened its timeout from 5s to 1.5s`},
		},
		{
			name: "service timeout shortened", pkg: v1, prev: config(v1, "5s", true, "10s"), cur: config(v1, "5s", true, "9s"),
			want: []string{`KANTO_CALL_TIMEOUT_NO_SHORTEN 4: Method "B" of service "kanto.lab.v1.S" shortened its timeout from 10s to 9s`},
		},
		{
			name: "timeout added", pkg: v1, prev: config(v1, "", true, ""), cur: config(v1, "5s", true, ""),
			want: []string{`KANTO_CALL_TIMEOUT_NO_SHORTEN 3: Method "A" of service "kanto.lab.v1.S" shortened its timeout from none to 5s`},
		},
		{
			name: "config added with a timeout", pkg: v1, cur: config(v1, "", false, "10s"),
			// A's own entry, without a timeout, governs A.
			want: []string{`KANTO_CALL_TIMEOUT_NO_SHORTEN 4: Method "B" of service "kanto.lab.v1.S" shortened its timeout from none to 10s`},
		},
		{
			name: "retry removed", pkg: v1, prev: config(v1, "5s", true, "10s"), cur: config(v1, "5s", false, "10s"),
			want: []string{`KANTO_CALL_RETRY_NO_DELETE 3: Method "A" of service "kanto.lab.v1.S" lost its retry policy (from maxAttempts 3 on UNAVAILABLE to none)`},
		},
		{
			name: "config deleted", pkg: v1, prev: config(v1, "5s", true, "10s"),
			want: []string{`KANTO_CALL_RETRY_NO_DELETE 1: Method "A" of service "kanto.lab.v1.S" lost its retry policy`},
		},
		{name: "unstable package exempt", pkg: "kanto.lab.v1alpha1", prev: config("kanto.lab.v1alpha1", "5s", true, "10s"), cur: config("kanto.lab.v1alpha1", "1s", false, "1s")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			found, err := callpolicy.Compare(schema(t, tt.pkg, tt.cur), schema(t, tt.pkg, tt.prev))
			if err != nil {
				t.Fatal(err)
			}
			ok := len(found) == len(tt.want)
			for i := 0; ok && i < len(found); i++ {
				rule, rest, _ := strings.Cut(tt.want[i], " ")
				line, text, _ := strings.Cut(rest, ": ")
				ok = found[i].Rule == rule && line == strconv.Itoa(found[i].Line) && strings.Contains(found[i].Message, text) &&
					strings.HasSuffix(found[i].Path, "kanto/lab/"+tt.pkg[strings.LastIndex(tt.pkg, ".")+1:]+"/service_config.json")
			}
			if !ok {
				t.Errorf("Compare = %+v, want %q", found, tt.want)
			}
		})
	}
}

func TestUnstable(t *testing.T) {
	t.Parallel()
	for pkg, want := range map[string]bool{
		"kanto.pokedex.v1": false, "kanto.pokedex.v2": false, "kanto.pokedex.v1alpha1": true, "kanto.pokedex.v1beta2": true,
		"kanto.pokedex.v1test": true, "kanto.pokedex.v1p1beta1": true, "kanto.pokedex": false, "foo": false,
	} {
		if got := callpolicy.Unstable(pkg); got != want {
			t.Errorf("Unstable(%q) = %v, want %v", pkg, got, want)
		}
	}
}
