import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Passage, SearchIndex } from "../../../src/core/index/port.ts";
import { createEmbeddingsClient } from "../../../src/core/semantic/embeddings.ts";
import { PassageVectors } from "../../../src/core/semantic/passage-vectors.ts";
import { openVectorFile } from "../../../src/core/semantic/vector-file.ts";
import { openVectorTable } from "../../../src/core/semantic/vector-postgres.ts";
import { type VectorStore, vectorKey } from "../../../src/core/semantic/vector-store.ts";
import { createLogger } from "../../../src/logger.ts";
import { type ModelStandIn, startModelStandIn } from "../../support/model-standin.ts";
import { postgresUnavailable, TEST_INDEX_URL, temporarySchema } from "../../support/postgres.ts";

const noPostgres = await postgresUnavailable();
const logger = createLogger({ level: "silent" });
let stand: ModelStandIn;
let dir: string;
const schema = temporarySchema();
beforeAll(async () => {
  stand = await startModelStandIn();
  dir = await mkdtemp(path.join(tmpdir(), "citebot-semantic-collect-"));
});
afterAll(async () => {
  await stand.stop();
  await rm(dir, { recursive: true, force: true });
  if (!noPostgres) await schema.drop();
});

const passage = (file: string, text: string): Passage => ({ file, text, at: [0, 0, text.length] });
const FIRST = [
  passage("talks.md", "两国元首在北京通话了整整一个小时。"),
  passage("talks.md", "双方同意在吉隆坡继续谈判。"),
  passage("penguins.md", "南极洲的帝企鹅数量今年增加了三成。"),
];
/** talks.md edited (its second passage reworded), penguins.md removed. */
const EDITED = [FIRST[0] as Passage, passage("talks.md", "双方同意下月在吉隆坡继续谈判。")];

/** Each passage's id: as in both engines, an id is never used for another passage. */
const idOf = (p: Passage) => [...FIRST, ...EDITED].findIndex((q) => q.text === p.text);

/** An index whose passages are what the test says, at a version per list; `inStep` as the test sets it. */
function indexOf(state: { passages: Passage[]; inStep?: boolean }): SearchIndex {
  const version = () => state.passages.map((p) => p.text).join("|");
  return {
    passages: async () => ({
      version: version(),
      passages: state.passages.map((p) => ({ id: idOf(p), passage: p })),
    }),
    passagesVersion: async () => version(),
    articles: async () => [],
    ...(state.inStep === undefined ? {} : { inStep: async () => state.inStep as boolean }),
  } as unknown as SearchIndex;
}
const keysOf = (passages: Passage[]) => passages.map((p) => vectorKey("ngram", p.text));
const vectorsOf = (store: VectorStore, passages: Passage[]) => store.load(keysOf(passages));
const client = () => createEmbeddingsClient({ url: stand.url, model: "ngram" });

describe("forgetting the vectors of passages no longer indexed", () => {
  it("rewrites the vectors file with only the passages indexed now", async () => {
    const file = path.join(dir, "vectors.bin");
    const state = { passages: FIRST };
    const store = await openVectorFile(file, logger);
    const vectors = new PassageVectors(indexOf(state), client(), store, {});
    await vectors.refresh();
    const record = 32 + 4 * 1024;
    const sizeOf = async () => (await stat(file)).size;
    const header = (await sizeOf()) - 3 * record;

    state.passages = EDITED;
    expect(await vectors.refresh()).toMatchObject({ passages: 2, embedded: 1, collected: 2 });
    await store.close();
    expect(await sizeOf()).toBe(header + 2 * record);
    const reopened = await openVectorFile(file, logger);
    expect([...(await vectorsOf(reopened, [...FIRST, ...EDITED])).keys()].sort()).toEqual(
      keysOf(EDITED).sort(),
    );
    await reopened.close();
  });

  it("searches only the passages indexed now once some have gone, each by its own vector", async () => {
    const state = { passages: [...FIRST, ...EDITED.slice(1)] };
    const store = await openVectorFile(path.join(dir, "search-vectors.bin"), logger);
    const vectors = new PassageVectors(indexOf(state), client(), store, {});
    await vectors.refresh();
    // Gone: the first passage, whose slot the last one's vector takes, and penguins.md.
    state.passages = [FIRST[1] as Passage, ...EDITED.slice(1)];
    await vectors.refresh();
    expect(vectors.size).toBe(2);
    const [question] = await client().embed([(FIRST[1] as Passage).text]);
    const near = vectors.nearest(question as Float32Array, 3, undefined, new Set());
    expect(near.map((n) => n.passage.text)).toEqual([
      (FIRST[1] as Passage).text,
      (EDITED[1] as Passage).text,
    ]);
    expect(near[0]?.similarity).toBeCloseTo(1, 5);
    expect(vectors.similarity(question as Float32Array, idOf(FIRST[0] as Passage))).toBeUndefined();
    expect(vectors.similarity(question as Float32Array, idOf(EDITED[1] as Passage))).toBeCloseTo(
      near[1]?.similarity as number,
    );
    const skipped = vectors.nearest(question as Float32Array, 1, (file) => file !== "talks.md", new Set());
    expect(skipped).toEqual([]);
    await store.close();
  });

  it("keeps what another process appended to the shared file since this one read it", async () => {
    const file = path.join(dir, "shared-vectors.bin");
    const vector = (x: number) => new Float32Array([x, 1 - x]);
    const [kept, dead, theOthers] = ["仍在索引中", "已删除的段落", "另一分片刚嵌入的段落"].map((text) =>
      vectorKey("ngram", text),
    ) as [string, string, string];
    const one = await openVectorFile(file, logger);
    await one.save([
      [kept, vector(0.1)],
      [dead, vector(0.2)],
    ]);
    const other = await openVectorFile(file, logger); // a shard that read the file then
    await other.save([[theOthers, vector(0.3)]]);

    expect(await one.retain(new Set([kept]))).toBe(1);
    // This process finds the other's vector in the file rather than embedding it again.
    expect((await one.load([theOthers])).get(theOthers)?.[1]).toBeCloseTo(0.7);
    await Promise.all([one.close(), other.close()]);
    const reopened = await openVectorFile(file, logger);
    expect([...(await reopened.load([kept, dead, theOthers])).keys()].sort()).toEqual(
      [kept, theOthers].sort(),
    );
    expect((await reopened.load([theOthers])).get(theOthers)?.[0]).toBeCloseTo(0.3);
    await reopened.close();
  });

  it.skipIf(noPostgres !== undefined)(
    "deletes the table's rows of passages no longer indexed, this model's only, and only when the index is in step",
    async () => {
      const table = await openVectorTable(TEST_INDEX_URL, schema.schema, "ngram", logger);
      const other = await openVectorTable(TEST_INDEX_URL, schema.schema, "another-model", logger);
      await other.save([[vectorKey("another-model", "别的模型的向量"), new Float32Array([1, 0])]]);
      const state = { passages: FIRST, inStep: true };
      const vectors = new PassageVectors(indexOf(state), client(), table, {});
      await vectors.refresh();
      expect((await vectorsOf(table, FIRST)).size).toBe(3);

      // A re-index in progress lists part of the passages: nothing is forgotten then.
      state.passages = [FIRST[0] as Passage];
      state.inStep = false;
      expect(await vectors.refresh()).toMatchObject({ collected: 0 });
      expect((await vectorsOf(table, FIRST)).size).toBe(3);

      state.passages = EDITED;
      state.inStep = true;
      expect(await vectors.refresh()).toMatchObject({ passages: 2, embedded: 1, collected: 2 });
      expect([...(await vectorsOf(table, [...FIRST, ...EDITED])).keys()].sort()).toEqual(
        keysOf(EDITED).sort(),
      );
      const rows = new pg.Client({ connectionString: TEST_INDEX_URL });
      await rows.connect();
      const counted = await rows.query<{ model: string; n: number }>(
        `SELECT model, count(*)::int AS n FROM ${pg.escapeIdentifier(schema.schema)}.embeddings GROUP BY model ORDER BY model`,
      );
      await rows.end();
      expect(counted.rows).toEqual([
        { model: "another-model", n: 1 },
        { model: "ngram", n: 2 },
      ]);
      await table.close();
      await other.close();
    },
  );
});
