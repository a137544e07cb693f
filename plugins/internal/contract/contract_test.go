package contract_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"buf.build/go/bufplugin/check"
	"buf.build/go/bufplugin/check/checktest"
	"github.com/kanto-api/kanto/plugins/internal/contract"
)

// header starts every test schema: one file, test/v1/test.proto, that
// may use google.api and buf.validate options.
const header = `syntax = "proto3";

package test.v1;

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

// files writes body under the header into a directory of its own and
// returns the spec of that schema.
func files(t *testing.T, body string) *checktest.ProtoFileSpec {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "test", "v1"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "test", "v1", "test.proto"), []byte(header+body), 0o644); err != nil {
		t.Fatal(err)
	}
	return &checktest.ProtoFileSpec{DirPaths: []string{dir, deps(t)}, FilePaths: []string{"test/v1/test.proto"}}
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

// run checks current (against previous, if not empty) with every rule of
// the type and returns the findings as "RULE_ID: message", sorted.
func run(t *testing.T, typ check.RuleType, previous, current string) []string {
	t.Helper()
	req := &checktest.RequestSpec{Files: files(t, current), RuleIDs: ruleIDs(typ)}
	if typ == check.RuleTypeBreaking {
		req.AgainstFiles = files(t, previous)
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
	var got []string
	for _, a := range resp.Annotations() {
		got = append(got, a.RuleID()+": "+a.Message())
	}
	slices.Sort(got)
	return got
}

// A testCase is a schema change (or, for lint, a schema) and the
// findings it must give: each want is "RULE_ID: text" and must be
// contained in one finding, one for one; no want means no finding.
type testCase struct {
	name     string
	previous string
	current  string
	want     []string
}

func runCases(t *testing.T, typ check.RuleType, cases []testCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := run(t, typ, tc.previous, tc.current)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			ok := len(got) == len(want)
			if ok {
				// Sorting both puts each want next to its finding: every
				// want is a rule id and a prefix or a part of the message.
				for _, w := range want {
					i := slices.IndexFunc(got, func(g string) bool { return matches(g, w) })
					if i < 0 {
						ok = false
						break
					}
					got = slices.Delete(slices.Clone(got), i, i+1)
				}
			}
			if !ok {
				t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(run(t, typ, tc.previous, tc.current), "\n  "), strings.Join(tc.want, "\n  "))
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
