# Kanto's build. `make help` lists the targets. On a fresh machine
# `make run` and `make test` install everything they need first.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

ROOT    := $(CURDIR)
TOOLS   := $(ROOT)/.tools
BIN     := $(TOOLS)/bin
VENV    := $(TOOLS)/venv
STAMPS  := $(TOOLS)/stamps
PROTODEPS := $(TOOLS)/protodeps
BUF     := $(BIN)/buf
# Kanto's contract checks: the buf check plugin that buf.yaml names under
# `plugins:`, and the call-policy step of `make breaking`.
KANTO_CHECKS := $(BIN)/buf-plugin-kanto $(BIN)/kanto-callpolicy

# Local plugins are found on PATH: Go plugins and native generators in
# .tools/bin, protoc-gen-es in tools/node_modules/.bin.
export PATH := $(BIN):$(ROOT)/tools/node_modules/.bin:$(PATH)

# Under GitHub Actions buf's findings become annotations on the files.
BUF_ERROR_FORMAT := $(if $(filter true,$(GITHUB_ACTIONS)),github-actions,text)

# Every shell script of the project, for shellcheck (`make lint`): each
# tracked file that starts with a sh or bash shebang, and every *.sh.
SHELL_SCRIPTS = $(sort $(shell git ls-files -z | xargs -0 awk 'FNR==1 && /^\#!.*[\/ ](ba|da)?sh( |$$)/ {print FILENAME} {nextfile}') $(shell git ls-files '*.sh'))

# Every Go module of the project, for gofmt (`make lint`).
GO_MODULES := gen/go plugins sdk/go services tools

# Maven classifier of the native protoc and protoc-gen-grpc-java binaries.
OS_CLASSIFIER := $(shell uname -s | tr A-Z a-z | sed 's/darwin/osx/')-$(shell uname -m | sed 's/amd64/x86_64/;s/arm64/aarch_64/;s/aarch64/aarch_64/')

# BASE is the git ref `make breaking` compares the schema against. Empty
# means what CI compares against: a branch's fork point from main, or on
# main the commit pushed before (scripts/breaking.sh). CI sets it from the
# pull request or push event.
BASE ?=

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

##@ Tools

.PHONY: tools
tools: $(STAMPS)/go $(STAMPS)/npm $(STAMPS)/python $(STAMPS)/maven $(BIN)/protoc-gen-kanto $(KANTO_CHECKS) ## Install every pinned code-generation tool, and build Kanto's own, into .tools/.

$(STAMPS)/go: tools/go.mod tools/go.sum
	cd tools && GOWORK=off GOBIN=$(BIN) go install tool
	@mkdir -p $(@D) && touch $@

# Kanto's own generators and buf plugins (plugins/, a Go module of its own,
# pinned by its go.mod and go.sum), rebuilt whenever their source changes.
# (wildcard: scripts/breaking_test.py runs `make breaking` in a copy of the
# repository without plugins/, on the binaries already built.)
PLUGIN_SRCS := $(wildcard plugins/go.mod plugins/go.sum) $(shell find plugins -name '*.go' -not -path '*/testdata/*' 2>/dev/null)

$(BIN)/protoc-gen-kanto $(KANTO_CHECKS): $(BIN)/%: $(PLUGIN_SRCS)
	cd plugins && GOWORK=off go build -o $(BIN)/$* ./cmd/$*

$(STAMPS)/npm: tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(@D) && touch $@

$(STAMPS)/python: tools/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r tools/requirements.txt
	@mkdir -p $(@D) && touch $@

# The TypeScript SDK's own dependencies (sdk/typescript/package-lock.json),
# for its lint; sdk/typescript/test.sh runs npm ci itself.
$(STAMPS)/npm-sdk-typescript: sdk/typescript/package.json sdk/typescript/package-lock.json
	cd sdk/typescript && npm ci --no-audit --no-fund --prefer-offline --loglevel=error
	@mkdir -p $(@D) && touch $@

$(STAMPS)/maven: tools/pom.xml
	mvn -q -C -B -f tools/pom.xml validate -Dos.classifier=$(OS_CLASSIFIER)
	chmod +x $(BIN)/protoc $(BIN)/protoc-gen-grpc-java
	@mkdir -p $(@D) && touch $@

# Third-party protos, staged from pinned packages whose checksums the package
# managers verify: protovalidate from its Go module (tools/go.sum), googleapis
# from the googleapis-common-protos wheel (tools/requirements.txt hashes).
.PHONY: protodeps
protodeps: $(STAMPS)/protodeps ## Stage third-party protos (protovalidate, googleapis) into .tools/protodeps.

$(STAMPS)/protodeps: $(STAMPS)/go $(STAMPS)/python Makefile
	rm -rf $(PROTODEPS) && mkdir -p $(PROTODEPS)/buf/validate $(PROTODEPS)/google/api
	cd tools && GOWORK=off go mod download github.com/bufbuild/protovalidate
	pv="$$(cd tools && GOWORK=off go list -m -f '{{.Dir}}' github.com/bufbuild/protovalidate)"; \
	  install -m 0644 "$$pv/proto/protovalidate/buf/validate/validate.proto" $(PROTODEPS)/buf/validate/
	gapi="$$($(VENV)/bin/python -c 'import os, google.api.annotations_pb2 as m; print(os.path.dirname(m.__file__))')"; \
	  for f in annotations client field_behavior http launch_stage; do install -m 0644 "$$gapi/$$f.proto" $(PROTODEPS)/google/api/; done
	@touch $@

##@ Schema

.PHONY: lint
lint: protodeps $(BIN)/buf-plugin-kanto lint-python lint-typescript ## Lint the schema, its formatting, the workflows, the shell scripts, Go formatting, Python and TypeScript, the SDK versions and what is committed.
	python3 scripts/check_hygiene.py --history auto
	@unformatted="$$(gofmt -l $(GO_MODULES))"; if [ -n "$$unformatted" ]; then \
	  echo "gofmt would change these files (run gofmt -w):" >&2; echo "$$unformatted" >&2; exit 1; fi
	$(BUF) lint --error-format $(BUF_ERROR_FORMAT)
	$(BUF) format --diff --exit-code proto
	$(BIN)/actionlint -shellcheck $(VENV)/bin/shellcheck
	$(VENV)/bin/python scripts/check_workflows.py
	$(VENV)/bin/shellcheck --severity=warning $(SHELL_SCRIPTS)
	python3 scripts/version.py check
	@# Each SDK's packaging proof is sdk/<lang>/scripts/packaging-proof.sh, and nothing else is one.
	@for s in $(SDKS); do [[ -x sdk/$$s/scripts/packaging-proof.sh ]] || { \
	  echo "sdk/$$s/scripts/packaging-proof.sh is missing: every SDK's packaging proof is there" >&2; exit 1; }; done
	@stray="$$(git ls-files 'sdk/*' | grep -iE 'packaging[-_.]?proof' | grep -vxE 'sdk/[a-z]+/scripts/packaging-proof\.sh' || true)"; \
	  if [[ -n $$stray ]]; then echo "packaging proofs belong at sdk/<lang>/scripts/packaging-proof.sh, not:" >&2; echo "$$stray" >&2; exit 1; fi

# The parts of `make lint` for the hand-written code of each language; gofmt
# and shellcheck are in `lint` itself.
.PHONY: lint-python
lint-python: $(STAMPS)/python protodeps ## ruff (check, format --check) and mypy --strict on every hand-written Python file.
	scripts/lint-python.sh

.PHONY: lint-typescript
lint-typescript: $(STAMPS)/npm-sdk-typescript ## typescript-eslint (strictTypeChecked) on the TypeScript SDK's src, test, examples and scripts.
	cd sdk/typescript && node scripts/build.mjs --gen-only && node_modules/.bin/eslint --max-warnings 0 .

.PHONY: format
format: $(STAMPS)/go ## Format the schema in place.
	$(BUF) format -w proto

.PHONY: breaking
breaking: protodeps $(KANTO_CHECKS) ## Fail on breaking schema changes against BASE (default: what CI compares against).
	scripts/breaking.sh $(BASE)

.PHONY: breaking-release
breaking-release: protodeps $(KANTO_CHECKS) ## Report (never fail) breaking schema changes since the latest release tag.
	scripts/breaking.sh --release

.PHONY: generate
generate: tools protodeps ## Generate Go, Python, TypeScript, Java and OpenAPI code into gen/.
	$(BUF) generate

# The generated Go modules' go.mod and go.sum are copied from tools/gomod/
# by protoc-gen-kanto (buf generate empties gen/ first). This tidies them
# and keeps the result as the templates.
.PHONY: tidy-gen
tidy-gen: generate ## go mod tidy gen/go and gen/goserver, and keep their go.mod and go.sum in tools/gomod/.
	for m in go goserver; do \
	  (cd gen/$$m && GOWORK=off GOFLAGS=-mod=mod go mod tidy) && \
	  cp gen/$$m/go.mod tools/gomod/gen-$$m.mod && cp gen/$$m/go.sum tools/gomod/gen-$$m.sum; done

GENERATED := gen docs/api

.PHONY: check-generated
check-generated: generate ## Fail if gen/ and docs/api/ are not what buf generate makes of proto/.
	@if [ -n "$$(git status --porcelain -- $(GENERATED))" ]; then \
	  echo "$(GENERATED) are stale: run 'make generate' and commit the result." >&2; \
	  git status --porcelain -- $(GENERATED) >&2; git --no-pager diff --stat -- $(GENERATED) >&2; exit 1; fi
	@echo "$(GENERATED) are up to date."

##@ Services

# Every binary under services/*/cmd, which the launcher (kanto-testenv)
# starts: production builds in .build/bin, and builds with fault injection
# (-tags kantofaults: the -faults flag and KANTO_<SERVICE>_FAULTS) in
# .build/bin/kantofaults, which kanto-testenv runs by default for the test
# suites. Production builds have no -faults.

.PHONY: build
build: ## Build every binary under services/*/cmd into .build/bin (and with fault injection into .build/bin/kantofaults).
	@mkdir -p .build/bin/kantofaults
	go build -o .build/bin/ ./services/.../cmd/...
	go build -tags kantofaults -o .build/bin/kantofaults/ ./services/.../cmd/...

# `make run` is the launcher in fixed-ports mode on the production builds,
# with its data under .run/ (the Pokédex's database survives restarts).
RUN_DIR ?= .run
RUN_FLAGS := -fixed-ports -bin .build/bin -dir $(RUN_DIR) -curator-token kanto-dev-curator-token \
  -format text -log-format text -test-settings=false -watch-stdin=false

.PHONY: run
run: build ## Start every service and the REST gateway on their defaults; print them once all are ready (Ctrl-C stops them).
	.build/bin/kanto-testenv $(RUN_FLAGS)

##@ Tests

.PHONY: bench
bench: build ## Measure the services against a bare grpc-go floor, side by side (BENCH_DURATION=8s); the table goes to .build/bench.md.
	.build/bin/kanto-bench -bin .build/bin -duration $(or $(BENCH_DURATION),8s) -out .build/bench.md

# CI_TARGETS is everything the CI workflow (.github/workflows/ci.yml) runs,
# spread over its jobs; `make lint` fails if the workflow and this list
# differ (scripts/check_workflows.py), so `make ci` is the same check
# locally and offline.
CI_TARGETS := lint breaking breaking-release check-generated test-breaking test-vulncheck test-hygiene test-gen test-plugins test-extension \
  test-go test-fuzz test-soak vulncheck test-smoke test-sdk-go test-sdk-python test-sdk-typescript test-sdk-java dist

.PHONY: ci
ci: $(CI_TARGETS) ## Run exactly what the CI workflow runs.

.PHONY: test
test: ci ## Run every check and test (the same as `make ci`).

.PHONY: print-ci-targets
print-ci-targets:
	@echo $(CI_TARGETS)

SDKS := go python typescript java

.PHONY: test-sdk
test-sdk: $(addprefix test-sdk-,$(SDKS)) ## Test every SDK, each with the shared conformance suite against live services.

.PHONY: $(addprefix test-sdk-,$(SDKS))
$(addprefix test-sdk-,$(SDKS)): test-sdk-%: build
	sdk/$*/test.sh

.PHONY: test-go
test-go: $(STAMPS)/go ## Vet, staticcheck and test the Go services (race detector on), production and kantofaults builds.
	go vet ./gen/go/... ./gen/goserver/... ./services/... ./sdk/go/...
	go vet -tags kantofaults ./services/...
	$(BIN)/staticcheck ./services/... ./sdk/go/...
	$(BIN)/staticcheck -tags kantofaults ./services/...
	go test -race -count=1 ./services/...
	go test -race -count=1 -tags kantofaults ./services/platform/...

.PHONY: test-smoke
test-smoke: build tools ## Start `make run`'s services and check them with curl and grpcurl.
	scripts/smoke.sh

.PHONY: test-breaking
test-breaking: protodeps $(KANTO_CHECKS) ## Prove that `make breaking` rejects breaking changes and accepts safe ones.
	python3 scripts/breaking_test.py

.PHONY: vulncheck
vulncheck: $(STAMPS)/go ## Check the Go modules for known vulnerabilities in code they call (govulncheck).
	scripts/vulncheck.sh

.PHONY: test-vulncheck
test-vulncheck: $(STAMPS)/go ## Prove that `make vulncheck` fails on a vulnerable call, offline.
	python3 scripts/vulncheck_test.py

.PHONY: test-gen
test-gen: tools ## Build or import the generated code of every language.
	scripts/test-gen.sh

.PHONY: fuzz
fuzz: ## Run every Go fuzz target for FUZZTIME each (default 30s); a crasher fails it and is kept in testdata/fuzz.
	FUZZTIME=$(or $(FUZZTIME),30s) scripts/fuzz.sh

.PHONY: test-fuzz
test-fuzz: ## Run every Go fuzz target briefly (2s each), beyond the seed corpora every go test runs.
	FUZZTIME=2s scripts/fuzz.sh

.PHONY: soak
soak: build ## A mixed load on every service for DURATION (default 10m), then a check that goroutines and open files return to their baseline.
	.build/bin/kanto-soak -bin .build/bin -duration $(or $(DURATION),10m)

.PHONY: test-soak
test-soak: build ## The soak, for 30 seconds.
	.build/bin/kanto-soak -bin .build/bin -duration 30s

.PHONY: test-extension
test-extension: tools protodeps ## Prove that a new RPC and a new service reach all four SDKs with no SDK edit.
	python3 scripts/extension_test.py

.PHONY: test-hygiene
test-hygiene: ## Prove that `make lint` fails on a committed binary or large file, also one removed again later.
	python3 scripts/check_hygiene_test.py

.PHONY: test-plugins
test-plugins: tools protodeps ## Test Kanto's own generators: golden files, and the fixture's code compiled in every language.
	scripts/test-plugins.sh

##@ Releases

# A release: `make set-version V=X.Y.Z`, merge, then push the tag vX.Y.Z on
# main; .github/workflows/release.yml does the rest (docs/versioning.md).

.PHONY: dist
dist: tools ## Build every release artifact into .build/dist (TAG=vX.Y.Z must match VERSION).
	scripts/dist.sh $(TAG)

.PHONY: set-version
set-version: ## Write V=X.Y.Z into VERSION and every SDK's manifest.
	@test -n "$(V)" || { echo "usage: make set-version V=X.Y.Z" >&2; exit 2; }
	python3 scripts/version.py set "$(V)"

.PHONY: go-module-tags
go-module-tags: ## Tag gen/go, services and sdk/go as TAG (vX.Y.Z) at HEAD; PUSH=1 pushes them.
	scripts/go-module-tags.sh "$(TAG)" $(if $(PUSH),--push)

# The publish targets run in the release workflow, with its secrets.

.PHONY: publish-npm
publish-npm: ## Publish .build/dist/npm's tarball to the npm client's registry (NPM_TOKEN).
	scripts/publish-npm.sh

.PHONY: publish-maven
publish-maven: ## Sign and publish the Java SDK to Maven Central (credentials in settings.xml, MAVEN_GPG_PASSPHRASE).
	cd sdk/java && mvn -B -Dstyle.color=never -P release -DskipTests -Dcentral.autoPublish=true deploy

##@ Housekeeping

.PHONY: clean
clean: ## Remove build outputs (keeps installed tools).
	rm -rf .build .run

.PHONY: distclean
distclean: clean ## Remove build outputs and installed tools.
	rm -rf .tools tools/node_modules
