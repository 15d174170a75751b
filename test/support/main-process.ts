import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { PROJECT_ROOT } from "../../src/config.ts";

/** `npm start` (src/main.ts) as a child process, with what it wrote. */
export interface MainProcess {
  child: ChildProcess;
  /** stdout and stderr so far (the log is JSON lines on stdout). */
  output(): string;
  /** Sends `signal` and resolves to the exit code and how long the process took to exit after it. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** Settings a test's process must not inherit from the developer's environment or `.env`. */
const CLEARED = [
  "DISCORD_TOKEN",
  "DISCORD_SHARDS",
  "INDEX_URL",
  "HEALTH_PORT",
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_WEBHOOK_URL",
];

/** Starts src/main.ts with `env` on top of the current environment, every platform setting cleared first. */
export function startMain(env: NodeJS.ProcessEnv): MainProcess {
  const cleared = Object.fromEntries(CLEARED.map((name) => [name, ""])); // blank beats a value in .env
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...cleared, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = once(child, "exit") as Promise<[number | null]>;
  return {
    child,
    output: () => output,
    async stop(signal = "SIGTERM") {
      const sent = performance.now();
      if (child.exitCode === null) child.kill(signal);
      const [code] = await exited;
      return { code, ms: Math.round(performance.now() - sent) };
    },
  };
}

/** Polls `condition` every 50 ms until it holds; throws after `timeoutMs` naming `what`. */
export async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
