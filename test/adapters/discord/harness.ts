/**
 * Starts the real bot against a fresh stand-in Discord, with a logger whose lines the test can read.
 */
import { pino } from "pino";
import { afterAll, beforeAll } from "vitest";
import { createDiscordBot, type DiscordBot } from "../../../src/adapters/discord/bot.ts";
import type { Qa } from "../../../src/core/types.ts";
import type { News } from "../../../src/ingest/news.ts";
import { seedQa } from "../../support/seed-qa.ts";
import { APPLICATION_ID } from "./fixtures.ts";
import { type RecordedRequest, type StandIn, startStandIn } from "./stand-in.ts";

/** A made-up bot token; the tests check that it never reaches the log. */
export const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.Gstand.in-secret-token-for-tests";

/** A connected bot and its stand-in Discord. */
export interface Harness {
  standIn: StandIn;
  bot: DiscordBot;
  /** Every line the bot logged (JSON). */
  logLines: string[];
  close(): Promise<void>;
}

/** Starts a stand-in, then the bot against it, and resolves once the bot is ready. */
export async function startHarness(
  qa: Qa,
  options: { rateLimitPerMinute?: number; rateNoticeIntervalMs?: number; news?: News } = {},
): Promise<Harness> {
  const standIn = await startStandIn();
  const logLines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(line) });
  const config = {
    token: TOKEN,
    applicationId: APPLICATION_ID,
    guildId: undefined,
    apiRoot: standIn.apiRoot,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1000, // high: most tests ask many questions as one user
  };
  const bot = createDiscordBot({
    qa,
    config,
    logger,
    rateNoticeIntervalMs: options.rateNoticeIntervalMs,
    news: options.news,
  });
  await bot.start();
  return {
    standIn,
    bot,
    logLines,
    async close() {
      await bot.stop();
      await standIn.close();
    },
  };
}

/** The bot over the seed articles, for all the tests of a file: started before them, closed after them. */
export interface SeedHarness {
  readonly harness: Harness;
  readonly qa: InstrumentedQa;
  /** The seeds' cache directory (the feedback file is written there). */
  readonly cacheDir: string;
}

/** Registers the file's `beforeAll`/`afterAll` for a {@link SeedHarness}; read its fields inside tests. */
export function useSeedHarness(): SeedHarness {
  const state: {
    harness?: Harness;
    qa?: InstrumentedQa;
    cacheDir?: string;
    closeSeeds?: () => Promise<void>;
  } = {};
  beforeAll(async () => {
    const seeds = await seedQa();
    state.closeSeeds = () => seeds.close();
    state.cacheDir = seeds.cacheDir;
    state.qa = instrument(seeds.qa);
    state.harness = await startHarness(state.qa);
  });
  afterAll(async () => {
    await state.harness?.close();
    await state.closeSeeds?.();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the seed harness is read before its beforeAll ran");
    return value;
  };
  return {
    get harness() {
      return started(state.harness);
    },
    get qa() {
      return started(state.qa);
    },
    get cacheDir() {
      return started(state.cacheDir);
    },
  };
}

/** A Qa that records the questions it is asked and fails on any question containing "boom". */
export type InstrumentedQa = Qa & { questions: string[] };

/**
 * Wraps a real Qa so that tests can see what the adapter asked (after stripping mentions, say) and can make an
 * answer fail on demand, to exercise the error boundary.
 */
export function instrument(qa: Qa): InstrumentedQa {
  const questions: string[] = [];
  return {
    questions,
    async ask(question, options) {
      questions.push(question);
      if (question.includes("boom")) throw new Error("the index exploded (on purpose)");
      return qa.ask(question, options);
    },
    compare: (question, options) => qa.compare(question, options),
    timeline: (question, options) => qa.timeline(question, options),
    context: (ref, options) => qa.context(ref, options),
    vote: (vote) => qa.vote(vote),
    articles: () => qa.articles(),
    publishers: () => qa.publishers(),
    close: () => qa.close(),
  };
}

/** Matches a request by method and a path pattern. */
export function request(method: string, path: RegExp): (request: RecordedRequest) => boolean {
  return (candidate) => candidate.method === method && path.test(candidate.path);
}

/** The interaction callback (acknowledgement) for the interaction with this ID. */
export const callbackOf = (id: string) => request("POST", new RegExp(`^/interactions/${id}/[^/]+/callback$`));

/** The edit of the original response of the interaction with this token. */
export const editOf = (token: string) =>
  request("PATCH", new RegExp(`^/webhooks/\\d+/${token}/messages/@original$`));

/** A follow-up message of the interaction with this token. */
export const followUpOf = (token: string) => request("POST", new RegExp(`^/webhooks/\\d+/${token}$`));
