import { APPLICATION_ID } from "../adapters/discord/fixtures.ts";
import { TOKEN } from "../adapters/discord/harness.ts";
import { type MainProcess, startMain, until } from "./main-process.ts";

/**
 * Starts `npm start` as the parent of Discord shards against the stand-in Discord at `apiRoot`, with `env` on top
 * (DISCORD_SHARDS, CACHE_DIR and what the test adds), and resolves once every shard is connected. The process is
 * killed by `cleanups` if the test has not stopped it.
 */
export async function startShardedBot(
  apiRoot: string,
  env: NodeJS.ProcessEnv,
  cleanups: Array<() => Promise<unknown>>,
): Promise<MainProcess> {
  const bot = startMain({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_API_ROOT: apiRoot,
    LOG_LEVEL: "info",
    ...env,
  });
  cleanups.push(() => bot.stop("SIGKILL"));
  await until(
    "every shard to connect",
    () => bot.output().includes("every Discord shard is connected"),
    60_000,
  );
  return bot;
}
