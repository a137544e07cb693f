// The SDK's identity: its release version and the schema revision of its
// generated code, and the user agent made of them. scripts/version.py writes
// `version` from the root VERSION file, like package.json's "version";
// `make lint` fails when they differ. The schema revision comes from the
// generated code (gen/ts/kanto_schema.ts, where protoc-gen-kanto writes the
// digest of proto/ that every SDK's generated code and the services carry).
import { schemaRevision as generatedSchemaRevision } from "./gen/kanto_schema.js";

/**
 * The release version of this SDK (the version of the `@kanto/sdk` package),
 * a semantic version such as "0.1.0". It is sent in the user agent of every
 * call (see {@link userAgent}), so that the Kanto services can log which SDK
 * releases call them.
 */
export const version = "0.1.0";

/**
 * The schema revision the SDK's generated code came from: the first 12 hex
 * digits of a SHA-256 over every file under the Kanto repository's proto/.
 * Every Kanto SDK and service built from the same schema carries the same
 * revision. It is sent in the user agent of every call (see
 * {@link userAgent}); a service that was built from another revision logs
 * the call with `schema_skew`, which points at an outdated SDK or a service
 * not yet redeployed.
 */
export const schemaRevision: string = generatedSchemaRevision;

/**
 * The prefix of the user agent of every call the SDK's transports and
 * clients make: `kanto-sdk-typescript/<version> kanto-schema/<revision>`,
 * the form every Kanto SDK uses. Connect's own token follows it, for example
 * `kanto-sdk-typescript/0.1.0 kanto-schema/00dc362c42cf connect-es/2.2.0`.
 * Code generated without a schema revision (protoc-gen-kanto without
 * `service_config_root`) sends no `kanto-schema` token, as the Go SDK does.
 *
 * The Kanto services parse it and log `sdk`, `sdk_version` and
 * `schema_revision` with each call, so operators can tell which SDK
 * releases and schema revisions call them. A user agent the application sets
 * itself (a `User-Agent` header in the call options or from an interceptor)
 * is kept, in front of this prefix.
 */
export const userAgent: string =
  schemaRevision === "" ? `kanto-sdk-typescript/${version}` : `kanto-sdk-typescript/${version} kanto-schema/${schemaRevision}`;
