// typescript-eslint over the SDK's hand-written code: src (the runtime),
// test, examples and scripts, with typescript-eslint's strictest type-aware
// rule set (strictTypeChecked). `make lint` runs it (`make lint-typescript`:
// npm ci, then `node scripts/build.mjs --gen-only`, then eslint).
//
// Type information comes from tsconfig.eslint.json, the union of the
// projects: src/gen (copied from gen/ts by `build.mjs --gen-only`) gives
// the generated code's types but is not linted itself (generated code is
// never linted), and the examples' `@kanto/sdk` resolves to src/index.ts,
// so no build of dist/ is needed.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["src/gen/", "dist/", ".build/"]),
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        project: "./tsconfig.eslint.json",
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // node:test's test() and describe() return promises that the runner
      // itself awaits; a test file calls them at the top level.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] },
          ],
        },
      ],
      // `() => resolve()` and the like: a callback's result is ignored.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      // Numbers read the same in a template as anywhere, and a message that
      // shows an unexpected undefined or null should say so; what else
      // strict bans there (any, booleans, objects, never) stays banned.
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        {
          allowAny: false,
          allowBoolean: false,
          allowNever: false,
          allowNullish: true,
          allowNumber: true,
          allowRegExp: false,
        },
      ],
      // An async function without await still returns a promise and turns
      // a throw into a rejection: how the runtime implements AsyncIterator's
      // return(), and the tests their fake token providers and streaming
      // handlers (async generators, as Connect's handler types require).
      "@typescript-eslint/require-await": "off",
      // `for await (const _ of stream)` drains a stream; `_` is unused on
      // purpose, as tsc's noUnusedLocals also accepts.
      "@typescript-eslint/no-unused-vars": ["error", { varsIgnorePattern: "^_", argsIgnorePattern: "^_" }],
    },
  },
  {
    // The CommonJS example shows require() on purpose.
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
