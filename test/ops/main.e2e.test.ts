import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config.ts";
import { freePort } from "../support/free-port.ts";
import { cacheDirectory } from "../support/seed-qa.ts";

/** Asks `url` every 100 ms until it answers 200; the statuses seen before, in order. */
async function until200(url: string, timeoutMs: number): Promise<number[]> {
  const seen: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0, // not listening yet
    );
    if (status === 200) return seen;
    if (seen.at(-1) !== status) seen.push(status);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} never answered 200 (saw ${seen.join(", ")})`);
}

let child: ChildProcess | undefined;
let removeCache: (() => Promise<void>) | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await removeCache?.();
});

describe("npm start with HEALTH_PORT", () => {
  it("serves health and metrics beside the console chat, counts its questions, and closes on shutdown", async () => {
    const cache = await cacheDirectory();
    removeCache = cache.remove;
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HEALTH_PORT: String(port),
      CACHE_DIR: cache.dir,
      LOG_LEVEL: "info",
    };
    for (const name of ["TELEGRAM_BOT_TOKEN", "DISCORD_TOKEN", "INDEX_URL"]) delete env[name];
    const started = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    child = started;
    let output = "";
    started.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    const base = `http://127.0.0.1:${port}`;

    // Before 200 it may only have been unreachable (not started yet) or 503 (loading), never anything else.
    const before = await until200(`${base}/healthz`, 30_000);
    expect(before.every((status) => status === 0 || status === 503)).toBe(true);
    expect((await (await fetch(`${base}/healthz`)).json()).passages).toBeGreaterThan(50);

    started.stdin?.write("中美关系\n");
    const deadline = Date.now() + 10_000;
    // Each answer ends with a blank line.
    while (!output.endsWith("\n\n") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(output).toContain("BBC");
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('citebot_questions_total{platform="console"} 1');
    expect(metrics).toContain('citebot_answer_duration_seconds_count{platform="console"} 1');

    started.stdin?.end(); // end of input ends the chat, then everything shuts down
    const [code] = await once(started, "exit");
    expect(code).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 60_000);
});
