import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config.ts";
import { createPostgresFeedbackStore } from "../../src/core/feedback/postgres-store.ts";
import { createFeedbackStore, type FeedbackStore } from "../../src/core/feedback/store.ts";
import { RAW_CONTROL } from "../support/hostile-article.ts";
import { postgresUnavailable, TEST_INDEX_URL, temporarySchema } from "../support/postgres.ts";
import { memoryLogger, temporaryDirectory } from "../support/seed-qa.ts";

const noPostgres = await postgresUnavailable();

const exec = promisify(execFile);
let dir: Awaited<ReturnType<typeof temporaryDirectory>>;
beforeAll(async () => {
  dir = await temporaryDirectory();
});
afterAll(() => dir.remove());

let files = 0;

/** Where the votes go and the environment that points `npm run feedback` at them. */
type Backend = { store: FeedbackStore; env: Record<string, string>; drop: () => Promise<void> };

const backends: Record<string, () => Backend> = {
  "a feedback file": () => {
    const file = path.join(dir.dir, `feedback-${files++}.jsonl`);
    const store = createFeedbackStore({ file, logger: memoryLogger().logger });
    return { store, env: { FEEDBACK_FILE: file }, drop: async () => {} };
  },
  "the index's PostgreSQL (INDEX_URL)": () => {
    const { schema, drop } = temporarySchema();
    const store = createPostgresFeedbackStore({ url: TEST_INDEX_URL, schema, logger: memoryLogger().logger });
    return { store, env: { INDEX_URL: TEST_INDEX_URL, INDEX_SCHEMA: schema }, drop };
  },
};

/** What `npm run feedback` prints once the votes are in: the store is closed first, the backend dropped after. */
async function feedbackOf({ store, env, drop }: Backend): Promise<string> {
  await store.close();
  const { INDEX_URL: _, ...inherited } = process.env;
  const { stdout } = await exec(process.execPath, ["--import", "tsx", "src/cli/feedback.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, ...env },
  }).finally(drop);
  return stdout;
}

describe.each(Object.keys(backends))("npm run feedback over %s", (name) => {
  const skip = name.includes("PostgreSQL") && noPostgres !== undefined;
  it.skipIf(skip)("counts the votes and lists the answers marked wrong with their quotes", async () => {
    const backend = (backends[name] as () => Backend)();
    const { store } = backend;
    const yellen = { file: "001_a3cf32f92385dae4.txt", paragraph: 1, start: 0, end: 9 };
    const wrong = { platform: "telegram", question: "耶伦哪天访华？", quotes: [yellen] };
    store.record({ ...wrong, userId: "1", vote: "up" });
    store.record({ ...wrong, userId: "1", vote: "down" }); // replaces the 👍
    store.record({ ...wrong, userId: "2", vote: "down", platform: "discord" });
    store.record({ platform: "console", userId: "3", vote: "up", question: "釜山", quotes: [] });
    const stdout = await feedbackOf(backend);
    expect(stdout).toContain("3 votes from 3 users: 👍 1, 👎 2 (telegram 1, discord 1, console 1)");
    expect(stdout).toContain("Answers marked wrong (1):");
    expect(stdout).toContain("👎 2 👍 0  耶伦哪天访华？");
    expect(stdout).toContain("001_a3cf32f92385dae4.txt ¶1 0–9: 「北京时间本周二晚，」");
  });

  it.skipIf(skip)("counts one vote in the singular", async () => {
    const backend = (backends[name] as () => Backend)();
    const { store } = backend;
    store.record({ platform: "console", userId: "3", vote: "up", question: "釜山", quotes: [] });
    const stdout = await feedbackOf(backend);
    expect(stdout).toContain("1 vote from 1 user: 👍 1, 👎 0 (console 1)");
  });
});

describe("npm run feedback over hostile rows", () => {
  it("reads quotes only from the corpus's articles: a row's ../ path prints nothing of the file", async () => {
    const corpusDir = path.join(dir.dir, "corpus");
    await mkdir(corpusDir, { recursive: true });
    await writeFile(
      path.join(dir.dir, "outside.md"),
      "---\ntitle: 外面\n---\n这是语料目录之外的秘密文字。\n",
    );
    const backend = (backends["a feedback file"] as () => Backend)();
    const outside = { file: "../outside.md", paragraph: 0, start: 0, end: 10 };
    const passwd = { file: path.relative(corpusDir, "/etc/passwd"), paragraph: 0, start: 0, end: 20 };
    backend.store.record({
      platform: "telegram",
      userId: "1",
      vote: "down",
      question: "谁\x1b]0;pwned\x07\x1b[2J在问？",
      quotes: [outside, passwd],
    });
    const stdout = await feedbackOf({ ...backend, env: { ...backend.env, CORPUS_DIR: corpusDir } });
    expect(stdout).toContain("../outside.md ¶0 0–10: (no longer in the articles)");
    expect(stdout).not.toContain("秘密");
    expect(stdout).not.toContain("root:");
    expect(stdout).toContain("谁␛]0;pwned␇␛[2J在问？");
    expect(stdout).not.toMatch(RAW_CONTROL);
  });
});
