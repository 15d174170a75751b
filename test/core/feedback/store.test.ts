import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFeedbackStore, hashUser, readFeedback } from "../../../src/core/feedback/store.ts";
import { fakeVote } from "../../support/fake-parts.ts";
import { memoryLogger, temporaryDirectory } from "../../support/seed-qa.ts";

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ dir, remove } = await temporaryDirectory());
});
afterEach(() => remove());

describe("createFeedbackStore", () => {
  it("appends a row that a later process reads back, with a salted hash and never the id", async () => {
    const file = path.join(dir, "votes", "feedback.jsonl");
    const store = createFeedbackStore({ file, logger: memoryLogger().logger });
    store.record(fakeVote());
    await store.flush();
    const text = await readFile(file, "utf8");
    expect(text).not.toContain("4242");
    const salt = await readFile(path.join(dir, "votes", "feedback-salt"), "utf8");
    const [row] = await readFeedback(file);
    expect(row).toMatchObject({
      platform: "telegram",
      vote: "down",
      question: "耶伦哪天访华？",
      user: hashUser(salt, "telegram", "4242"),
      quotes: [{ file: "001_a3cf32f92385dae4.txt", paragraph: 3, start: 0, end: 57 }],
    });
    expect(Date.parse(row?.time ?? "")).not.toBeNaN();
  });

  it("keeps the generated salt, so that the same user hashes alike after a restart", async () => {
    const file = path.join(dir, "feedback.jsonl");
    const first = createFeedbackStore({ file, logger: memoryLogger().logger });
    first.record(fakeVote({ question: "a" }));
    await first.flush();
    const second = createFeedbackStore({ file, logger: memoryLogger().logger });
    second.record(fakeVote({ question: "b" }));
    await second.flush();
    const users = new Set((await readFeedback(file)).map((row) => row.user));
    expect(users.size).toBe(1);
  });

  it("uses a configured salt", async () => {
    const file = path.join(dir, "feedback.jsonl");
    const store = createFeedbackStore({ file, salt: "pepper", logger: memoryLogger().logger });
    store.record(fakeVote());
    await store.flush();
    expect((await readFeedback(file))[0]?.user).toBe(hashUser("pepper", "telegram", "4242"));
  });

  it("never throws, and logs, when the file cannot be written", async () => {
    const blocker = path.join(dir, "not-a-directory");
    await writeFile(blocker, "");
    const memory = memoryLogger();
    const store = createFeedbackStore({ file: path.join(blocker, "feedback.jsonl"), logger: memory.logger });
    expect(() => store.record(fakeVote())).not.toThrow();
    await store.flush();
    expect(memory.lines().map((line) => line.msg)).toContain("could not record feedback");
  });
});

describe("readFeedback", () => {
  it("counts a user's second vote on an answer instead of the first", async () => {
    const file = path.join(dir, "feedback.jsonl");
    const store = createFeedbackStore({ file, salt: "s", logger: memoryLogger().logger });
    store.record(fakeVote({ vote: "up" }));
    store.record(fakeVote({ vote: "down" }));
    store.record(fakeVote({ userId: "7", vote: "up" }));
    await store.flush();
    const rows = await readFeedback(file);
    expect(rows.map((row) => row.vote).sort()).toEqual(["down", "up"]);
  });

  it("skips a torn last line and reads a missing file as no votes", async () => {
    const file = path.join(dir, "feedback.jsonl");
    const store = createFeedbackStore({ file, salt: "s", logger: memoryLogger().logger });
    store.record(fakeVote());
    await store.flush();
    await writeFile(file, `${await readFile(file, "utf8")}{"time":"2025`, "utf8");
    expect(await readFeedback(file)).toHaveLength(1);
    expect(await readFeedback(path.join(dir, "missing.jsonl"))).toEqual([]);
  });
});

describe("one vote per user and answer", () => {
  it("writes nothing for a repeat, one row for a change, also after a restart", async () => {
    const file = path.join(dir, "feedback.jsonl");
    const store = createFeedbackStore({ file, salt: "s", logger: memoryLogger().logger });
    expect(await store.record(fakeVote({ vote: "up" }))).toBe("recorded");
    expect(await store.record(fakeVote({ vote: "up" }))).toBe("unchanged");
    expect(await store.record(fakeVote({ vote: "down" }))).toBe("recorded");
    const restarted = createFeedbackStore({ file, salt: "s", logger: memoryLogger().logger });
    expect(await restarted.record(fakeVote({ vote: "down" }))).toBe("unchanged");
    expect((await readFile(file, "utf8")).trim().split("\n")).toHaveLength(2);
  });
});
