// Builds @kanto/sdk: copies the generated code (messages by protoc-gen-es,
// clients by protoc-gen-kanto) into src/gen (never edited by hand,
// git-ignored), then compiles src twice with tsc, to ESM in dist/esm and to
// CommonJS in dist/cjs. With --tests it also compiles the tests (and the
// sources they import) to .build/test.
//
//   node scripts/build.mjs [--tests | --gen-only]
//
// The generated code comes from $KANTO_GEN_DIR, by default <repo>/gen/ts:
// point it at another tree generated the same way (buf.gen.yaml's
// protoc-gen-es and protoc-gen-kanto entries) to build the SDK for another
// schema, with no SDK file edited.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const sdkDir = dirname(dirname(fileURLToPath(import.meta.url)));
const genDir = process.env.KANTO_GEN_DIR ? resolve(process.env.KANTO_GEN_DIR) : join(sdkDir, "..", "..", "gen", "ts");
const srcGen = join(sdkDir, "src", "gen");
const tsc = join(sdkDir, "node_modules", "typescript", "bin", "tsc");

if (!existsSync(genDir)) {
  throw new Error(`generated TypeScript not found at ${genDir}: run \`make generate\` in the repository root (or set KANTO_GEN_DIR)`);
}
for (const module of ["kanto_sdk.ts", "kanto_schema.ts"]) {
  if (!existsSync(join(genDir, module))) {
    throw new Error(`${join(genDir, module)} is missing: generate ${genDir} with protoc-gen-kanto (lang=typescript), as buf.gen.yaml does`);
  }
}
if (!existsSync(tsc)) {
  throw new Error("typescript is not installed: run `npm ci` in sdk/typescript");
}

// The generated code must run on the runtime of the generator that wrote it:
// @bufbuild/protobuf here must equal protoc-gen-es in tools/package.json.
// JSON.parse gives `any`; each cast names the fields this build reads.
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
const pkg = /** @type {{ name: string, version: string, dependencies: Record<string, string> }} */ (
  JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8"))
);
const toolsPkgPath = join(sdkDir, "..", "..", "tools", "package.json");
if (existsSync(toolsPkgPath)) {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
  const tools = /** @type {{ devDependencies?: Record<string, string> }} */ (JSON.parse(readFileSync(toolsPkgPath, "utf8")));
  const generator = tools.devDependencies?.["@bufbuild/protoc-gen-es"];
  const runtime = pkg.dependencies["@bufbuild/protobuf"];
  if (generator !== runtime) {
    throw new Error(
      `@bufbuild/protobuf ${runtime} (sdk/typescript/package.json) must equal @bufbuild/protoc-gen-es ${generator} (tools/package.json), which generated gen/ts`,
    );
  }
}

rmSync(srcGen, { recursive: true, force: true });
cpSync(genDir, srcGen, { recursive: true });
writeFileSync(
  join(srcGen, "README.md"),
  `Copied from ${genDir} by scripts/build.mjs on every build. Do not edit: change the schema in proto/ and run \`make generate\`.\n`,
);
// --gen-only stops here: src/gen is all that the type-aware lint
// (eslint.config.mjs, `make lint`) needs of a build.
if (process.argv.includes("--gen-only")) {
  console.log(`copied ${genDir} into src/gen`);
  process.exit(0);
}

/** @param {string} project */
function compile(project) {
  try {
    execFileSync(process.execPath, [tsc, "-p", join(sdkDir, project)], { stdio: "inherit", cwd: sdkDir });
  } catch {
    console.error(`build: tsc -p ${project} failed`);
    process.exit(1);
  }
}

for (const out of ["dist/esm", "dist/cjs"]) {
  rmSync(join(sdkDir, out), { recursive: true, force: true });
}
compile("tsconfig.json");
compile("tsconfig.cjs.json");
// dist/cjs sits below a "type": "module" package.json; this one makes Node
// (and TypeScript) read its .js and .d.ts files as CommonJS.
mkdirSync(join(sdkDir, "dist", "cjs"), { recursive: true });
writeFileSync(join(sdkDir, "dist", "cjs", "package.json"), JSON.stringify({ type: "commonjs" }, null, 2) + "\n");

if (process.argv.includes("--tests")) {
  rmSync(join(sdkDir, ".build", "test"), { recursive: true, force: true });
  compile("tsconfig.test.json");
  // The examples import the built package by its own name; type-check them.
  compile("tsconfig.examples.json");
}

console.log(`built ${pkg.name}@${pkg.version} into dist/esm and dist/cjs`);
