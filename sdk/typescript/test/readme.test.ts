// Runs every code block of README.md, as a program of its own, against the
// live services of one kanto-testenv, so that the README cannot rot. A
// block's `// Output:` comment, if it has one, is what it must print, line
// for line (like Go's Example functions); every block must exit with 0.
//
// The blocks are written for `make run`, whose services listen at their
// default targets. kanto-testenv's listen on other ports, so each block
// runs with `@kanto/sdk` resolved (by a module hook) to a shim of the built
// package whose createKantoClient and createKantoTransport default to
// testenv's targets where the block chooses none; the block's code runs
// unchanged. Blocks get the curator token in $KANTO_CURATOR_TOKEN.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { sdkDir, startTestenv, type Testenv } from "./support.js";

interface Block {
  /** The line of the opening fence, for test names and messages. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
}

/** blocks returns the fenced code blocks of a Markdown text. */
export function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i] ?? "");
    if (open === null) {
      continue;
    }
    const fence = open[2] ?? "```";
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !(lines[j] ?? "").trim().startsWith(fence); j++) {
      body.push(lines[j] ?? "");
    }
    assert.ok(j < lines.length, `README.md:${i + 1}: the code block is never closed`);
    out.push({ line: i + 1, lang: open[3] ?? "", code: body.join("\n") + "\n" });
    i = j;
  }
  return out;
}

/** expectedOutput returns the lines after a block's `// Output:` comment, or undefined. */
function expectedOutput(code: string): string[] | undefined {
  const lines = code.trimEnd().split("\n");
  const at = lines.findIndex((l) => l.trim() === "// Output:");
  if (at < 0) {
    return undefined;
  }
  return lines.slice(at + 1).map((l) => l.replace(/^\/\/ ?/, ""));
}

const readme = readFileSync(join(sdkDir, "README.md"), "utf8");
const all = blocks(readme);
const work = join(sdkDir, ".build", "readme");

let started: Promise<Testenv> | undefined;
function services(): Promise<Testenv> {
  started ??= startTestenv("readme-testenv").then((env) => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const dist = pathToFileURL(join(sdkDir, "dist", "esm", "index.js")).href;
    writeFileSync(
      join(work, "shim.mjs"),
      `// @kanto/sdk with testenv's targets as the defaults (see readme.test.ts).
import * as sdk from ${JSON.stringify(dist)};
export * from ${JSON.stringify(dist)};
const testenv = JSON.parse(process.env.KANTO_README_TARGETS);
export function createKantoClient(options = {}) {
  const targets = options.target === undefined ? { ...testenv, ...options.targets } : options.targets;
  return sdk.createKantoClient({ ...options, ...(targets === undefined ? {} : { targets }) });
}
export function createKantoTransport(options) {
  const target = options.target ?? (options.service === undefined ? undefined : testenv[options.service.name]);
  return sdk.createKantoTransport({ ...options, ...(target === undefined ? {} : { target }) });
}
`,
    );
    writeFileSync(
      join(work, "hooks.mjs"),
      `export async function resolve(specifier, context, next) {
  if (specifier === "@kanto/sdk") {
    return { url: ${JSON.stringify(pathToFileURL(join(work, "shim.mjs")).href)}, shortCircuit: true };
  }
  return next(specifier, context);
}
`,
    );
    writeFileSync(join(work, "register.mjs"), `import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n`);
    return env;
  });
  return started;
}

function run(file: string, env: Testenv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", join(work, "register.mjs"), file], {
      cwd: work,
      env: { ...process.env, KANTO_README_TARGETS: JSON.stringify(env.targets), KANTO_CURATOR_TOKEN: env.curatorToken },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("README.md", () => {
  after(async () => {
    await (await started?.catch(() => undefined))?.stop();
  });

  it("has code blocks, all of them JavaScript that these tests run", () => {
    assert.ok(all.length >= 10, `only ${all.length} code blocks`);
    const others = all.filter((b) => b.lang !== "js").map((b) => `README.md:${b.line} (${b.lang || "no language"})`);
    assert.deepEqual(others, [], "a code block these tests cannot run");
  });

  for (const [i, block] of all.entries()) {
    if (block.lang !== "js") {
      continue;
    }
    it(`runs the block at README.md:${block.line}`, async () => {
      const env = await services();
      const file = join(work, `block-${i}-line-${block.line}.mjs`);
      writeFileSync(file, block.code);
      const { code, stdout, stderr } = await run(file, env);
      assert.equal(code, 0, `README.md:${block.line} exited with ${code}:\n${stderr}${stdout}`);
      const want = expectedOutput(block.code);
      if (want !== undefined) {
        assert.deepEqual(stdout.trimEnd().split("\n"), want, `README.md:${block.line} printed:\n${stdout}`);
      }
    });
  }
});
