package contract_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"buf.build/go/bufplugin/check"
	"buf.build/go/bufplugin/check/checktest"
	"github.com/kanto-api/kanto/plugins/internal/contract"
)

// header starts every test schema: one file that may use google.api and
// buf.validate options, in a package of its own.
const header = `syntax = "proto3";

package %s;

import "buf/validate/validate.proto";
import "google/api/annotations.proto";
import "google/api/field_behavior.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/timestamp.proto";

`

// deps is where `make protodeps` stages buf/validate and google/api.
func deps(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "..", ".tools", "protodeps"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%v: run `make protodeps` (or `make test-plugins`) first", err)
	}
	return p
}

// casePath is the file of case i: every case is a package of its own,
// so that one compilation and one check serve all the cases of a test
// (compiling buf/validate for each case would take minutes under -race).
func casePath(i int) string { return fmt.Sprintf("case%d/v1/test.proto", i) }

// files writes each body under the header into casePath(i) of a new
// directory and returns the spec of that schema.
func files(t *testing.T, bodies []string) *checktest.ProtoFileSpec {
	t.Helper()
	dir := t.TempDir()
	spec := &checktest.ProtoFileSpec{DirPaths: []string{dir, deps(t)}}
	for i, body := range bodies {
		p := filepath.Join(dir, filepath.FromSlash(casePath(i)))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		// HTTP routes of all packages share one REST edge, so each case's
		// paths move under /case<i>/ to keep the cases apart (and back in
		// the findings).
		body = strings.ReplaceAll(body, `"/v1/`, fmt.Sprintf(`"/case%d/v1/`, i))
		if err := os.WriteFile(p, []byte(fmt.Sprintf(header, fmt.Sprintf("case%d.v1", i))+body), 0o644); err != nil {
			t.Fatal(err)
		}
		spec.FilePaths = append(spec.FilePaths, casePath(i))
	}
	return spec
}

// ruleIDs returns the ids of the plugin's rules of one type.
func ruleIDs(typ check.RuleType) []string {
	var ids []string
	for _, r := range contract.Spec.Rules {
		if r.Type == typ {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// A testCase is a schema change (or, for lint, a schema) and the
// findings it must give: each want is "RULE_ID: text", and each finding
// must have the rule id and contain the text of one want, one for one; no
// want means no finding.
type testCase struct {
	name     string
	previous string
	current  string
	want     []string
}

// runCases checks every case's current schema (against its previous one
// for breaking rules) with every rule of the type, in one request, and
// compares each case's findings, as "RULE_ID: message", with its wants.
func runCases(t *testing.T, typ check.RuleType, cases []testCase) {
	t.Helper()
	var cur, prev []string
	for _, tc := range cases {
		cur, prev = append(cur, tc.current), append(prev, tc.previous)
	}
	req := &checktest.RequestSpec{Files: files(t, cur), RuleIDs: ruleIDs(typ)}
	if typ == check.RuleTypeBreaking {
		req.AgainstFiles = files(t, prev)
	}
	request, err := req.ToRequest(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	client, err := check.NewClientForSpec(contract.Spec)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Check(t.Context(), request)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string][]string{}
	for _, a := range resp.Annotations() {
		path := a.FileLocation().FileDescriptor().ProtoreflectFileDescriptor().Path()
		found[path] = append(found[path], a.RuleID()+": "+a.Message())
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, g := range found[casePath(i)] {
				got = append(got, strings.ReplaceAll(g, fmt.Sprintf("/case%d/v1/", i), "/v1/"))
			}
			left := slices.Clone(got)
			ok := len(got) == len(tc.want)
			for _, w := range tc.want {
				j := slices.IndexFunc(left, func(g string) bool { return matches(g, w) })
				if j < 0 {
					ok = false
					break
				}
				left = slices.Delete(left, j, j+1)
			}
			if !ok {
				t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func matches(got, want string) bool {
	rule, text, _ := strings.Cut(want, ": ")
	gotRule, gotText, _ := strings.Cut(got, ": ")
	return rule == gotRule && strings.Contains(gotText, text)
}

func TestSpec(t *testing.T) {
	t.Parallel()
	checktest.SpecTest(t, contract.Spec)
}

// TestIssueEdits checks, with exact locations, the four edits of issue 12
// that buf's own rules let through, on a small Pokédex.
func TestIssueEdits(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("testdata", "issue12")
	spec := func(side string) *checktest.ProtoFileSpec {
		return &checktest.ProtoFileSpec{DirPaths: []string{filepath.Join(dir, side), deps(t)}, FilePaths: []string{"pokedex/v1/pokedex.proto"}}
	}
	loc := func(line, col, endLine, endCol int) *checktest.ExpectedFileLocation {
		return &checktest.ExpectedFileLocation{FileName: "pokedex/v1/pokedex.proto", StartLine: line - 1, StartColumn: col - 1, EndLine: endLine - 1, EndColumn: endCol - 1}
	}
	checktest.CheckTest{
		Request: &checktest.RequestSpec{Files: spec("current"), AgainstFiles: spec("previous"), RuleIDs: ruleIDs(check.RuleTypeBreaking)},
		Spec:    contract.Spec,
		ExpectedAnnotations: []checktest.ExpectedAnnotation{
			{
				RuleID:              contract.FieldValidationNoAddReq,
				Message:             `Field "name" on message "ListPokemonRequest" became required: required changed from false to true, so messages that leave it unset are now invalid.`,
				FileLocation:        loc(37, 20, 37, 56), // (buf.validate.field).required = true
				AgainstFileLocation: loc(34, 3, 34, 19),
			},
			{
				RuleID:              contract.FieldValidationNoTighten,
				Message:             `Field "page_token" on message "ListPokemonRequest" tightened string.max_len from 512 to 16.`,
				FileLocation:        loc(35, 26, 35, 66), // (buf.validate.field).string.max_len = 16
				AgainstFileLocation: loc(32, 3, 32, 69),
			},
			{
				RuleID:              contract.HTTPBindingSameBody,
				Message:             `RPC "DeletePokemon" on service "PokemonService" changed the body of HTTP binding "DELETE /v1/pokemon/{id}" from none to "*".`,
				FileLocation:        loc(19, 7, 19, 16), // body: "*"
				AgainstFileLocation: loc(17, 5, 17, 61),
			},
			{
				RuleID:              contract.HTTPBindingSamePath,
				Message:             `RPC "GetPokemon" on service "PokemonService" changed the path template of HTTP binding "GET /v1/pokemon/{id}" from "/v1/pokemon/{id}" to "/v1/species/{id}".`,
				FileLocation:        loc(13, 33, 13, 56),
				AgainstFileLocation: loc(13, 33, 13, 56),
			},
			{
				RuleID:              contract.HTTPBindingSamePath,
				Message:             `RPC "DeletePokemon" on service "PokemonService" changed the path template of HTTP binding "DELETE /v1/pokemon/{id}" from "/v1/pokemon/{id}" to "/v1/pokemon/{id}:delete".`,
				FileLocation:        loc(18, 7, 18, 38), // post: "/v1/pokemon/{id}:delete"
				AgainstFileLocation: loc(17, 33, 17, 59),
			},
			{
				RuleID:              contract.HTTPBindingSameVerb,
				Message:             `RPC "DeletePokemon" on service "PokemonService" changed the HTTP verb of binding "DELETE /v1/pokemon/{id}" from DELETE to POST.`,
				FileLocation:        loc(18, 7, 18, 38),
				AgainstFileLocation: loc(17, 33, 17, 59),
			},
		},
	}.Run(t)
}
