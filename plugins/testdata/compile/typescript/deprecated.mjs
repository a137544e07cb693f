// Checks, with the TypeScript compiler API, that TypeScript sees what the
// schema marks deprecated as deprecated (so editors strike it through and
// tsc reports it): the fixture's LegacyGet RPC is, GetWidget is not.
// Usage: node deprecated.mjs <project dir with src/fixture_usage.ts>
import { createRequire } from "node:module";
import { join } from "node:path";

const dir = process.argv[2];
const require = createRequire(join(dir, "package.json"));
const ts = require("typescript");

const usage = join(dir, "src", "fixture_usage.ts");
const program = ts.createProgram([usage], {
  strict: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  types: ["node"],
  noEmit: true,
});
const checker = program.getTypeChecker();
const deprecated = new Map();
function visit(node) {
  if (ts.isPropertyAccessExpression(node) && ["legacyGet", "getWidget"].includes(node.name.text)) {
    const symbol = checker.getSymbolAtLocation(node.name);
    const tags = (symbol?.declarations ?? []).map((d) => ts.getJSDocDeprecatedTag(d)).filter(Boolean);
    deprecated.set(node.name.text, tags.length > 0);
  }
  ts.forEachChild(node, visit);
}
visit(program.getSourceFile(usage));
const want = { legacyGet: true, getWidget: false };
for (const [name, isDeprecated] of Object.entries(want)) {
  if (deprecated.get(name) !== isDeprecated) {
    console.error(`deprecated.mjs: ${name} is ${deprecated.get(name) ? "" : "not "}marked @deprecated, want ${isDeprecated ? "" : "not "}deprecated`);
    process.exit(1);
  }
}
console.log("deprecated.mjs: legacyGet is @deprecated for TypeScript, getWidget is not");
