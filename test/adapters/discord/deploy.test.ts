import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCommands } from "../../../src/adapters/discord/register.ts";
import { PROJECT_ROOT } from "../../../src/config.ts";
import { MAX_QUESTION_LENGTH } from "../../../src/core/types.ts";
import { APPLICATION_ID, GUILD_ID } from "./fixtures.ts";
import { request, TOKEN } from "./harness.ts";
import { type StandIn, startStandIn } from "./stand-in.ts";

const run = promisify(execFile);

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(() => standIn.close());

/** Runs `npm run deploy:discord`'s script with exactly these settings (and no .env file). */
function deploy(env: Record<string, string>) {
  const options = {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, DOTENV_CONFIG_PATH: "/nonexistent/.env", ...env },
  };
  return run(process.execPath, ["--import", "tsx", "src/cli/deploy-discord.ts"], options);
}

describe("registerCommands", () => {
  it("replaces the guild's commands with /ask, /compare, /timeline, /sources, /help, Ask citebot and the news commands", async () => {
    const options = {
      token: TOKEN,
      applicationId: APPLICATION_ID,
      guildId: GUILD_ID,
      apiRoot: standIn.apiRoot,
    };
    const result = await registerCommands(options);
    expect(result).toEqual({ count: 13, scope: `guild ${GUILD_ID}` });
    const put = await standIn.waitFor(
      request("PUT", new RegExp(`^/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands$`)),
    );
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(put.body.map((command: { name: string }) => command.name)).toEqual([
      "ask",
      "compare",
      "timeline",
      "sources",
      "help",
      "Ask citebot",
      "add",
      "announce",
      "follow",
      "unfollow",
      "following",
      "verify",
      "Verify quote",
    ]);
    const [question, count, isPrivate, source, since, until] = put.body[0].options;
    expect(question).toMatchObject({
      name: "question",
      type: 3,
      required: true,
      max_length: MAX_QUESTION_LENGTH,
    });
    expect(count).toMatchObject({ name: "count", type: 4, min_value: 1, max_value: 5 });
    expect(isPrivate).toMatchObject({ name: "private", type: 5 });
    expect(source).toMatchObject({ name: "source", type: 3, autocomplete: true });
    expect([since.name, until.name]).toEqual(["since", "until"]);
    expect(put.body[1].options.map((o: { name: string }) => o.name)).toEqual([
      "question",
      "source",
      "since",
      "until",
    ]);
    expect(put.body[2].options[0]).toMatchObject({ name: "topic", type: 3 });
    expect(put.body[2].options[0].required).toBeUndefined();
    expect(put.body[5]).toEqual({
      name: "Ask citebot",
      name_localizations: { "zh-CN": "问 citebot", "zh-TW": "問 citebot" },
      type: 3,
    });
  });

  it("registers globally when no guild is given", async () => {
    const since = standIn.mark();
    await registerCommands({
      token: TOKEN,
      applicationId: APPLICATION_ID,
      guildId: undefined,
      apiRoot: standIn.apiRoot,
    });
    expect(standIn.requests.slice(since).map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /applications/${APPLICATION_ID}/commands`,
    ]);
  });
});

describe("deploy:discord", { timeout: 20_000 }, () => {
  it("registers to DISCORD_GUILD_ID through DISCORD_API_ROOT", async () => {
    const { stdout } = await deploy({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_GUILD_ID: GUILD_ID,
      DISCORD_API_ROOT: standIn.apiRoot,
    });
    expect(stdout).toBe(`Registered 13 commands to guild ${GUILD_ID}.\n`);
  });

  it("says which setting is missing", async () => {
    const failed = deploy({ DISCORD_TOKEN: TOKEN, DISCORD_API_ROOT: standIn.apiRoot });
    await expect(failed).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("DISCORD_APPLICATION_ID is not set"),
    });
    await expect(deploy({})).rejects.toMatchObject({
      stderr: expect.stringContaining("DISCORD_TOKEN is not set"),
    });
  });
});
