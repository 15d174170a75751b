/**
 * The console's contract from outside: `npm start` with CONSOLE_PORT and CONSOLE_TOKEN serves it, `/` shows a
 * sign-in form with one password field, the token never reaches the log; CONSOLE_PORT alone fails fast.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../../src/config.ts";
import { freePort } from "../../support/free-port.ts";
import { until } from "../../support/main-process.ts";
import { cacheDirectory } from "../../support/seed-qa.ts";
import { consoleClient, TOKEN } from "./running-bot.ts";

let child: ChildProcess | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** `npm start` (the console chat, stdin kept open) with `env`; its output so far. */
async function start(env: Record<string, string>) {
  const cache = await cacheDirectory();
  cleanups.push(cache.remove);
  const clean = { TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: "", INDEX_URL: "", HEALTH_PORT: "" };
  const started = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...clean, CACHE_DIR: cache.dir, LOG_LEVEL: "debug", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child = started;
  let output = "";
  started.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  started.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  return { child: started, output: () => output };
}

describe("npm start with CONSOLE_PORT", () => {
  it("serves the sign-in form on /, signs in with the token, and never logs it", async () => {
    const port = await freePort();
    const bot = await start({ CONSOLE_PORT: String(port), CONSOLE_TOKEN: TOKEN });
    const client = consoleClient(`http://127.0.0.1:${port}`);
    await until("the console listens", () =>
      client.request("/").then(
        () => true,
        () => false,
      ),
    );
    const { status, body } = await client.page("/");
    expect(status).toBe(200);
    expect(body.match(/<input[^>]*type="password"/g)).toHaveLength(1);
    expect((await client.signIn()).status).toBe(303);
    await until("the index is loaded", async () => (await client.page("/")).body.includes('id="health">ok<'));
    bot.child.stdin?.write("耶伦哪天访华？\n");
    await until("the question is logged", async () =>
      (await client.page("/questions")).body.includes("耶伦哪天访华"),
    );
    bot.child.stdin?.end();
    const [code] = await once(bot.child, "exit");
    expect(code).toBe(0);
    expect(bot.output()).toContain("operator's console listening");
    expect(bot.output()).not.toContain(TOKEN);
  }, 60_000);

  it("refuses to start without CONSOLE_TOKEN, saying what to set", async () => {
    const bot = await start({ CONSOLE_PORT: String(await freePort()), CONSOLE_TOKEN: "" });
    const [code] = await once(bot.child, "exit");
    expect(code).toBe(1);
    expect(bot.output()).toContain("CONSOLE_PORT is set but CONSOLE_TOKEN is not");
  }, 30_000);
});
