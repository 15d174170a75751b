import path from "node:path";
import { loadConfig } from "../../../src/config.ts";
import { createQa } from "../../../src/core/qa.ts";
import { startRemembering } from "../../../src/ops/console/wire.ts";
import { startHarness as startDiscord } from "../../adapters/discord/harness.ts";
import { startHarness as startTelegram } from "../../adapters/telegram/harness.ts";
import { freePort } from "../../support/free-port.ts";
import { CONFIG_DIR, memoryLogger } from "../../support/seed-qa.ts";
import { workspace } from "../../support/workspace.ts";

/** The console token the tests sign in with. */
export const TOKEN = "console-token-for-tests-0123456789";

/**
 * citebot as `main.ts` wires it, in this process: settings from an environment, the console's store and server
 * (`startRemembering`), a real index over a copy of the seeds that watches its directory, and the Telegram and
 * Discord bots, each talking to its local stand-in, through the remembering wrapper.
 */
export async function startRunningBot(env: Record<string, string> = {}) {
  const cleanups: Array<() => Promise<void>> = [];
  const dirs = await workspace(cleanups);
  const port = await freePort();
  const config = loadConfig({
    CORPUS_DIR: dirs.corpusDir,
    CACHE_DIR: dirs.cacheDir,
    CONFIG_DIR,
    CONSOLE_PORT: String(port),
    CONSOLE_TOKEN: TOKEN,
    ...env,
  });
  const memory = memoryLogger(config.secrets);
  const remembering = await startRemembering(config, memory.logger, true);
  if (!remembering) throw new Error("the console's store did not open");
  const qa = await createQa({
    ...config,
    configDir: CONFIG_DIR,
    logger: memory.logger,
    watch: true,
    rescanMs: 500,
  });
  remembering.ready(qa);
  const telegram = await startTelegram({ qa: remembering.wrap(qa, "telegram"), rateLimitPerMinute: 1000 });
  const discord = await startDiscord(remembering.wrap(qa, "discord"));
  return {
    base: `http://127.0.0.1:${remembering.port}`,
    config,
    dirs,
    qa,
    remembering,
    store: remembering.store,
    telegram,
    discord,
    memory,
    removedDir: path.join(dirs.cacheDir, "removed-articles"),
    async close() {
      await Promise.all([telegram.close(), discord.close()]);
      await remembering.stop();
      await qa.close();
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}

/** A browser-less client of the console that keeps cookies, as a browser would. */
export function consoleClient(base: string) {
  const cookies = new Map<string, string>();
  const request = async (pathname: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(base + pathname, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const value = pair.slice(at + 1);
      if (value === "") cookies.delete(pair.slice(0, at));
      else cookies.set(pair.slice(0, at), value);
    }
    return response;
  };
  /** The CSRF token of the page's first form. */
  const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? "";
  return {
    request,
    csrfOf,
    /** Posts a form with the page's token (`csrf: false` leaves it out). */
    async post(pathname: string, fields: Record<string, string>, csrf: string | false) {
      const body = new URLSearchParams({ ...fields, ...(csrf === false ? {} : { _csrf: csrf }) });
      return request(pathname, { method: "POST", body });
    },
    async signIn(token = TOKEN) {
      const form = await (await request("/")).text();
      return this.post("/sign-in", { token }, csrfOf(form));
    },
    /** A page's body and the CSRF token of its forms. */
    async page(pathname: string) {
      const response = await request(pathname);
      const body = await response.text();
      return { status: response.status, body, csrf: csrfOf(body) };
    },
  };
}
