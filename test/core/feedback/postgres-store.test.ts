import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  createPostgresFeedbackStore,
  readPostgresFeedback,
} from "../../../src/core/feedback/postgres-store.ts";
import { hashUser } from "../../../src/core/feedback/store.ts";
import { fakeVote } from "../../support/fake-parts.ts";
import { postgresUnavailable, TEST_INDEX_URL, temporarySchema } from "../../support/postgres.ts";
import { memoryLogger } from "../../support/seed-qa.ts";

const noPostgres = await postgresUnavailable();

describe.skipIf(noPostgres !== undefined)("createPostgresFeedbackStore", () => {
  const { schema, drop } = temporarySchema();
  afterAll(drop);
  const open = (salt?: string) =>
    createPostgresFeedbackStore({ url: TEST_INDEX_URL, schema, salt, logger: memoryLogger().logger });

  it("stores a salted hash, never the id, under a salt every replica shares", async () => {
    const [first, second] = [open(), open()];
    first.record(fakeVote({ question: "a" }));
    second.record(fakeVote({ question: "b" }));
    await Promise.all([first.close(), second.close()]);
    const rows = await readPostgresFeedback(TEST_INDEX_URL, schema);
    expect(rows.map((r) => r.question).sort()).toEqual(["a", "b"]);
    expect(new Set(rows.map((r) => r.user)).size).toBe(1);
    expect(JSON.stringify(rows)).not.toContain("4242");
    const client = new pg.Client({ connectionString: TEST_INDEX_URL });
    await client.connect();
    const salt = await client.query(`SELECT salt FROM ${pg.escapeIdentifier(schema)}.feedback_salt`);
    await client.end();
    expect(rows[0]?.user).toBe(hashUser(salt.rows[0].salt, "telegram", "4242"));
    expect(Date.parse(rows[0]?.time ?? "")).not.toBeNaN();
    expect(rows[0]?.quotes).toEqual(fakeVote().quotes);
  });

  it("replaces a user's earlier vote on the same answer, and keeps votes on other answers", async () => {
    const store = open();
    store.record(fakeVote({ question: "c", vote: "up" }));
    store.record(fakeVote({ question: "c", vote: "down" }));
    store.record(fakeVote({ question: "c", vote: "up", quotes: [] }));
    store.record(fakeVote({ question: "c", vote: "down", userId: "7" }));
    await store.close();
    const rows = (await readPostgresFeedback(TEST_INDEX_URL, schema)).filter((r) => r.question === "c");
    expect(rows.map((r) => `${r.vote} ${r.quotes.length}`).sort()).toEqual(["down 1", "down 1", "up 0"]);
  });

  it("says what became of each vote: a repeat changes nothing", async () => {
    const store = open();
    expect(await store.record(fakeVote({ question: "e", vote: "up" }))).toBe("recorded");
    expect(await store.record(fakeVote({ question: "e", vote: "up" }))).toBe("unchanged");
    expect(await store.record(fakeVote({ question: "e", vote: "down" }))).toBe("recorded");
    await store.close();
  });

  it("uses a configured salt", async () => {
    const store = open("pepper");
    store.record(fakeVote({ question: "d" }));
    await store.close();
    const rows = await readPostgresFeedback(TEST_INDEX_URL, schema);
    expect(rows.find((r) => r.question === "d")?.user).toBe(hashUser("pepper", "telegram", "4242"));
  });

  it("reports a vote as failed and logs a warning when the database cannot be reached", async () => {
    const memory = memoryLogger();
    const store = createPostgresFeedbackStore({
      url: "postgres://postgres@127.0.0.1:1/test",
      schema,
      logger: memory.logger,
    });
    expect(await store.record(fakeVote())).toBe("failed");
    await store.close();
    expect(memory.lines().filter((l) => l.msg === "could not record feedback")).toHaveLength(1);
  });

  it("reads no votes from a schema that has none", async () => {
    expect(await readPostgresFeedback(TEST_INDEX_URL, `${schema}_empty`)).toEqual([]);
  });
});
