/**
 * What the console's wrapper logs for each answer and what it hands on, over a real index of the seed articles, a
 * real SQLite store and a real pin book: the outcome comes from the answer's own `abstained`, not from whether
 * it holds quotes.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPinBook } from "../../../src/ops/console/pin-book.ts";
import { rememberingQa } from "../../../src/ops/console/remembering-qa.ts";
import { openConsoleStore } from "../../../src/store/open-store.ts";
import { PIN_SIMILARITY } from "../../../src/store/question-key.ts";
import type { ConsoleStore } from "../../../src/store/types.ts";
import { memoryLogger, seedQa, temporaryDirectory } from "../../support/seed-qa.ts";

let seeds: Awaited<ReturnType<typeof seedQa>>;
let store: ConsoleStore;
let dir: Awaited<ReturnType<typeof temporaryDirectory>>;
beforeAll(async () => {
  [seeds, dir] = await Promise.all([seedQa(), temporaryDirectory()]);
  const { logger } = memoryLogger();
  store = await openConsoleStore({
    cacheDir: dir.dir,
    feedbackFile: path.join(dir.dir, "feedback.jsonl"),
    logger,
  });
});
afterAll(async () => {
  await store.close();
  await seeds.close();
  await dir.remove();
});

/** The wrapper as a platform gets it, with the pins as the store has them now. */
function remembered() {
  const { logger } = memoryLogger();
  const pins = createPinBook({ store, qa: seeds.qa, threshold: PIN_SIMILARITY, logger });
  return rememberingQa(seeds.qa, { store, platform: "telegram", logQuestions: true, pins, salt: "salt" });
}

/** The outcome logged for the latest question. */
async function loggedOutcome(question: string) {
  await store.flush();
  return (await store.questions({ search: question, limit: 1 }))[0]?.outcome;
}

describe("ask", () => {
  it("logs an abstention as abstained, and a filter-only question's list of articles as answered", async () => {
    const qa = remembered();
    expect((await qa.ask("火星上有水吗？")).abstained).toBeDefined();
    expect(await loggedOutcome("火星上有水吗？")).toBe("abstained");
    const listing = await qa.ask("source:BBC");
    expect([listing.quotes.length, (listing.articles ?? []).length > 0]).toEqual([0, true]);
    expect(await loggedOutcome("source:BBC")).toBe("answered");
  });

  it("answers a question the ranking abstained on with its pin: no longer abstained, logged as answered", async () => {
    const quote = (await seeds.qa.ask("耶伦哪天访华？")).quotes[0];
    if (!quote) throw new Error("the seeds answer no question about Yellen");
    await store.addPin("冥王星上有冰吗？", quote, new Date().toISOString());
    const answer = await remembered().ask("冥王星上有冰吗");
    expect(answer.quotes.map((q) => [q.ref, q.pinned])).toEqual([[quote.ref, true]]);
    expect(answer.abstained).toBeUndefined();
    expect(await loggedOutcome("冥王星上有冰吗")).toBe("answered");
  });
});
