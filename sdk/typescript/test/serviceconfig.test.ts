// The call policies read from the gRPC service configs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Code, createCallPolicies, parseDurationMs, pokemonServiceInfo, services, type MethodConfig } from "../src/index.js";

describe("the generated service configs", () => {
  const policiesOf = (name: string) => {
    const info = services.find((s) => s.name === name);
    assert.ok(info, `no service ${name}`);
    return createCallPolicies({ [name]: info.serviceConfig });
  };

  it("cover every Kanto service", () => {
    assert.deepEqual(services.map((s) => s.name), [
      "kanto.expedition.v1.ExpeditionService",
      "kanto.pokedex.v1.PokemonService",
      "kanto.routeplanner.v1.RoutePlannerService",
    ]);
    assert.equal(pokemonServiceInfo.defaultTarget, "127.0.0.1:50051");
    assert.equal(pokemonServiceInfo.service.typeName, pokemonServiceInfo.name);
  });

  it("give GetPokemon its own timeout and UNAVAILABLE retries", () => {
    const get = policiesOf("kanto.pokedex.v1.PokemonService")("kanto.pokedex.v1.PokemonService", "GetPokemon");
    assert.equal(get.timeoutMs, 5000);
    assert.equal(get.retry?.maxAttempts, 4);
    assert.equal(get.retry.initialBackoffMs, 100);
    assert.equal(get.retry.maxBackoffMs, 1000);
    assert.equal(get.retry.backoffMultiplier, 2);
    assert.deepEqual([...get.retry.retryableCodes], [Code.Unavailable]);
  });

  it("fall back to the service-wide entry", () => {
    const update = policiesOf("kanto.pokedex.v1.PokemonService")("kanto.pokedex.v1.PokemonService", "UpdatePokemon");
    assert.equal(update.timeoutMs, 10000);
    assert.equal(update.retry, undefined);
  });

  it("leave streams without a timeout where the config has none", () => {
    const policies = policiesOf("kanto.routeplanner.v1.RoutePlannerService");
    const watch = policies("kanto.routeplanner.v1.RoutePlannerService", "WatchRoutes");
    assert.equal(watch.timeoutMs, undefined);
    assert.equal(watch.retry?.maxAttempts, 4);
    assert.deepEqual(policies("kanto.routeplanner.v1.RoutePlannerService", "Navigate"), {});
  });

  it("have no policy for other services", () => {
    assert.deepEqual(policiesOf("kanto.pokedex.v1.PokemonService")("example.v1.Unknown", "Get"), {});
  });
});

describe("createCallPolicies", () => {
  const retryPolicy = {
    maxAttempts: 9,
    initialBackoff: "0.25s",
    maxBackoff: "2s",
    backoffMultiplier: 1.5,
    retryableStatusCodes: ["UNAVAILABLE", 8],
  };

  it("applies gRPC's precedence: method, service, then default", () => {
    const policies = createCallPolicies({
      s: {
        methodConfig: [
          { name: [{}], timeout: "1s" },
          { name: [{ service: "a.S" }], timeout: "2s" },
          { name: [{ service: "a.S", method: "M" }], timeout: "3s" },
        ],
      },
    });
    assert.equal(policies("a.S", "M").timeoutMs, 3000);
    assert.equal(policies("a.S", "N").timeoutMs, 2000);
    assert.equal(policies("b.T", "M").timeoutMs, 1000);
  });

  it("caps maxAttempts at 5 and reads codes by name or number", () => {
    const policies = createCallPolicies({ s: { methodConfig: [{ name: [{ service: "a.S" }], retryPolicy }] } });
    const retry = policies("a.S", "M").retry;
    assert.equal(retry?.maxAttempts, 5);
    assert.equal(retry.initialBackoffMs, 250);
    assert.deepEqual([...retry.retryableCodes], [Code.Unavailable, Code.ResourceExhausted]);
  });

  it("rejects malformed configs at construction", () => {
    const bad = (methodConfig: MethodConfig) => () => createCallPolicies({ s: { methodConfig: [methodConfig] } });
    assert.throws(bad({ name: [{ service: "a.S" }], timeout: "5" }), /not a duration/);
    assert.throws(bad({ name: [{ service: "a.S" }], retryPolicy: { ...retryPolicy, maxAttempts: 1 } }), /maxAttempts/);
    assert.throws(bad({ name: [{ service: "a.S" }], retryPolicy: { ...retryPolicy, retryableStatusCodes: ["NOPE"] } }), /NOPE/);
    assert.throws(bad({ name: [{ method: "M" }] }), /must name its service/);
    assert.throws(
      () => createCallPolicies({ s: { methodConfig: [{ name: [{ service: "a.S" }] }, { name: [{ service: "a.S" }] }] } }),
      /configured twice/,
    );
  });
});

describe("parseDurationMs", () => {
  it("parses protobuf JSON durations", () => {
    assert.equal(parseDurationMs("5s"), 5000);
    assert.equal(parseDurationMs("0.1s"), 100);
    assert.ok(Math.abs(parseDurationMs("1.000000001s") - 1000.000001) < 1e-9);
  });

  it("rejects other strings and zero", () => {
    for (const bad of ["5", "5ms", "-1s", "1.s", "0s", ""]) {
      assert.throws(() => parseDurationMs(bad), Error, bad);
    }
  });
});
