// Helpers shared by the tests: where things are, and the live services.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** The sdk/typescript directory, found from this compiled file upwards. */
export const sdkDir: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "@kanto/sdk") {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error("cannot find the @kanto/sdk package directory");
    }
    dir = parent;
  }
})();

/** The root of the Kanto repository. */
export const repoRoot: string = resolve(sdkDir, "..", "..");

/** The addresses, token and log directory kanto-testenv prints. */
export interface Testenv {
  readonly pokedex: string;
  readonly routeplanner?: string;
  readonly expedition?: string;
  readonly gateway: string;
  /**
   * The gRPC address of every service kanto-testenv started, by full
   * service name: what createKantoClient takes as `targets`.
   */
  readonly targets: Readonly<Record<string, string>>;
  readonly curatorToken: string;
  /**
   * The directory of the services' JSON logs, one file per service
   * (pokedex.log, routeplanner.log, ...), written as they run; undefined if
   * this kanto-testenv prints none.
   */
  readonly logDir?: string;
  /** Stops every service and waits for kanto-testenv to exit. */
  stop(): Promise<void>;
}

/**
 * startTestenv starts kanto-testenv ($KANTO_TESTENV, by default
 * <repo>/.build/bin/kanto-testenv) and waits for its JSON line. It throws,
 * failing the tests, if the binary is missing. The services' logs go to
 * sdk/typescript/.build/<logName>.log.
 */
export async function startTestenv(logName: string, args: readonly string[] = []): Promise<Testenv> {
  const bin = process.env["KANTO_TESTENV"] || join(repoRoot, ".build", "bin", "kanto-testenv");
  if (!existsSync(bin)) {
    throw new Error(
      `kanto-testenv not found at ${bin}: run \`make build\` in the repository root first (or point KANTO_TESTENV at the binary)`,
    );
  }
  mkdirSync(join(sdkDir, ".build"), { recursive: true });
  const logPath = join(sdkDir, ".build", `${logName}.log`);
  const child = spawn(bin, args, { stdio: ["pipe", "pipe", openSync(logPath, "w")] });
  const exited = new Promise<number | null>((res) => child.once("exit", (code) => res(code)));
  const line = await firstLine(child, 90_000).catch(async (e: unknown) => {
    child.kill("SIGKILL");
    await exited;
    throw new Error(`kanto-testenv did not start (${String(e)}); see ${logPath}`);
  });
  // Named keys only: besides the services' addresses the line holds
  // targets (by service), curator_token and log_dir.
  const fields = JSON.parse(line) as Record<string, unknown>;
  const field = (key: string): string | undefined => {
    const value = fields[key];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const pokedex = field("pokedex");
  const gateway = field("gateway");
  const curatorToken = field("curator_token");
  const targets = fields["targets"];
  if (
    pokedex === undefined ||
    gateway === undefined ||
    curatorToken === undefined ||
    typeof targets !== "object" ||
    targets === null ||
    !Object.values(targets).every((t) => typeof t === "string")
  ) {
    child.stdin?.end();
    throw new Error(`unexpected kanto-testenv line: ${line}`);
  }
  const routeplanner = field("routeplanner");
  const expedition = field("expedition");
  const logDir = field("log_dir");
  return {
    pokedex,
    gateway,
    targets: targets as Record<string, string>,
    curatorToken,
    ...(routeplanner === undefined ? {} : { routeplanner }),
    ...(expedition === undefined ? {} : { expedition }),
    ...(logDir === undefined ? {} : { logDir }),
    async stop() {
      child.stdin?.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((res, rej) => {
    const stdout = child.stdout;
    if (stdout === null) {
      rej(new Error("no stdout"));
      return;
    }
    const lines = createInterface({ input: stdout });
    const timer = setTimeout(() => rej(new Error(`no address line after ${timeoutMs}ms`)), timeoutMs);
    lines.once("line", (line) => {
      clearTimeout(timer);
      lines.close();
      res(line);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      rej(new Error(`exited with code ${String(code)}`));
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      rej(e);
    });
  });
}

/**
 * waitForLogLine polls a JSON-lines log file (a service's log in
 * Testenv.logDir) until a line matches, and returns it parsed. It throws
 * after timeoutMs, naming the file, if none did. Lines that are not JSON
 * objects (or not yet complete) are skipped.
 */
export async function waitForLogLine(
  path: string,
  matches: (line: Record<string, unknown>) => boolean,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(path) ? readFileSync(path, "utf8") : "";
    for (const raw of text.split("\n")) {
      let line: unknown;
      try {
        line = JSON.parse(raw);
      } catch {
        continue;
      }
      if (typeof line === "object" && line !== null && !Array.isArray(line) && matches(line as Record<string, unknown>)) {
        return line as Record<string, unknown>;
      }
    }
    if (Date.now() >= deadline) {
      throw new Error(`no matching line in ${path} after ${timeoutMs}ms`);
    }
    await new Promise((res) => setTimeout(res, 100));
  }
}
