import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MAX_ARTICLE_BYTES } from "../../../src/core/corpus/read-corpus.ts";
import type { IndexKey } from "../../../src/core/index/cache.ts";
import { openMiniSearchIndex } from "../../../src/core/index/minisearch-index.ts";
import type { SearchIndex } from "../../../src/core/index/port.ts";
import { openPostgresIndex } from "../../../src/core/index/postgres/postgres-index.ts";
import { shippedCedict } from "../../../src/core/language/cedict-cache.ts";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import { createAnalyzer } from "../../../src/core/question/analyse.ts";
import { createTransliterator } from "../../../src/core/question/transliterations.ts";
import { loadSearchSettings } from "../../../src/core/settings.ts";
import { postgresUnavailable, TEST_INDEX_URL, temporarySchema } from "../../support/postgres.ts";
import {
  CONFIG_DIR,
  cacheDirectory,
  memoryLogger,
  SEEDS_DIR,
  temporaryDirectory,
} from "../../support/seed-qa.ts";

const noPostgres = await postgresUnavailable();
const lexicon = loadLexicon(CONFIG_DIR, shippedCedict());
const analyzer = createAnalyzer(lexicon);
const key: IndexKey = {
  key: "transliterations test",
  analyzer,
  settings: loadSearchSettings(CONFIG_DIR),
  publishers: new Map(),
  limits: { maxArticleBytes: DEFAULT_MAX_ARTICLE_BYTES },
};

/** A seed article names 戴利（Robert Daly）; CC-CEDICT lacks Daly. A new article brings 罗德曼 (Rodman). */
const DALY = "What did Daly say about TikTok?";
const RODMAN = "What did Rodman say about the penguins?";
const PENGUINS =
  "---\ntitle: 测试文章\nsource: 测试报\ndate: 2026-01-01\n---\n研究员罗德曼说，南极洲的帝企鹅数量今年增加了三成。\n";
/** jieba cuts 杰克逊维尔 (Jacksonville, which CC-CEDICT lacks) into 杰克逊 and 维尔: no word of the index writes it. */
const JACKSONVILLE = "How many people live in Jacksonville?";
const RIVER =
  "---\ntitle: 河边的城市\nsource: 测试报\ndate: 2026-01-01\n---\n杰克逊维尔是佛罗里达州人口最多的城市，位于圣约翰斯河畔。\n";

/** The words of each alternative group of a question, as the transliterator gives them. */
async function groups(index: SearchIndex, question: string): Promise<string[][]> {
  const transliterate = createTransliterator(index, lexicon.names, memoryLogger().logger);
  const terms = await transliterate(analyzer.question(question));
  return terms.alternatives.map((g) => g.map((i) => terms.words[i] ?? ""));
}

/** Counts the calls to an index's `words`, to tell when the matcher is rebuilt. */
function counted(index: SearchIndex): { index: SearchIndex; builds: () => number } {
  let builds = 0;
  return {
    index: {
      ...index,
      words: () => {
        builds++;
        return index.words();
      },
    },
    builds: () => builds,
  };
}

/** A copy of the seeds in a temporary directory, and the in-process index of it; `close` removes both. */
async function seedIndex() {
  const corpus = await temporaryDirectory();
  const cache = await cacheDirectory();
  const corpusDir = path.join(corpus.dir, "seeds");
  await cp(SEEDS_DIR, corpusDir, { recursive: true });
  await writeFile(path.join(corpusDir, "901_river.md"), RIVER);
  const { index } = await openMiniSearchIndex(
    { corpusDir, cacheDir: cache.dir, logger: memoryLogger().logger },
    key,
  );
  return {
    corpusDir,
    index,
    async close() {
      await index.close();
      await corpus.remove();
      await cache.remove();
    },
  };
}

describe("the transliterations of a question's names", () => {
  let seeds: Awaited<ReturnType<typeof seedIndex>>;
  beforeAll(async () => {
    seeds = await seedIndex();
  });
  afterAll(() => seeds?.close());

  it("come from the corpus's words: the seeds' 戴利 for Daly", async () => {
    expect(await groups(seeds.index, DALY)).toContainEqual(["daly", "戴利"]);
    expect((await groups(seeds.index, RODMAN)).flat()).not.toContain("罗德曼"); // no seed has it
  });

  it("find a Chinese name written in pinyin, which no list names: Sun Yun 孙韵, Li Cheng 李成 (not 里程)", async () => {
    expect(await groups(seeds.index, "What did Sun Yun say about Taiwan?")).toContainEqual([
      "sunyun",
      "孙韵",
    ]);
    expect(await groups(seeds.index, "How did Li Cheng sum up the call?")).toContainEqual([
      "licheng",
      "李成",
    ]);
    // In lower case, li is an English word (a Chinese mile): only written as a name is it one.
    expect((await groups(seeds.index, "how did li cheng sum up the call?")).flat()).not.toContain("李成");
  });

  it("find a name jieba cut in two as the two words a passage writes side by side, looked up by its bigrams", async () => {
    expect((await seeds.index.words()).words).not.toContain("杰克逊维尔");
    const transliterate = createTransliterator(seeds.index, lexicon.names, memoryLogger().logger);
    const terms = await transliterate(analyzer.question(JACKSONVILLE));
    const groups = terms.alternatives.map((g) => g.map((i) => terms.words[i] ?? ""));
    expect(groups).toContainEqual(["jacksonville", "杰克逊维尔"]);
    expect(terms.bigrams).toEqual(expect.arrayContaining(["杰克", "克逊", "逊维", "维尔"]));
  });

  it("take a join of two words only where a passage writes it, not where its pieces meet in some bigram", async () => {
    // The pieces as they are, but the bigram across the cut in another passage only (麦克逊维…).
    const vocabulary = await seeds.index.words();
    const words = [...vocabulary.words].filter((word) => word !== "维尔");
    const index: SearchIndex = {
      ...seeds.index,
      words: async () => ({ ...vocabulary, words: [...words, "维尔"], bigrams: ["逊维"] }),
      retrieve: async (question, limit, accept) => {
        const found = await seeds.index.retrieve(question, limit, accept);
        const candidates = found.candidates.filter((c) => !c.passage.text.includes("杰克逊维尔"));
        return { ...found, candidates };
      },
    };
    const terms = await createTransliterator(
      index,
      lexicon.names,
      memoryLogger().logger,
    )(analyzer.question(JACKSONVILLE));
    expect(terms.words).not.toContain("杰克逊维尔");
  });

  it("are matched once per version of the index's words, not per question", async () => {
    const { index, builds } = counted(seeds.index);
    const transliterate = createTransliterator(index, lexicon.names, memoryLogger().logger);
    await transliterate(analyzer.question("谁说了什么？")); // no names: nothing to build
    expect(builds()).toBe(0);
    await transliterate(analyzer.question(DALY));
    await transliterate(analyzer.question(DALY));
    expect(builds()).toBe(1);
  });

  it("can be built before the first question with a name, which then finds it ready", async () => {
    const { index, builds } = counted(seeds.index);
    const transliterate = createTransliterator(index, lexicon.names, memoryLogger().logger);
    await transliterate.prepare();
    expect(builds()).toBe(1);
    expect((await transliterate(analyzer.question(DALY))).words).toContain("戴利");
    expect(builds()).toBe(1);
  });

  it("say why they could not be prepared, and never reject", async () => {
    const { logger, lines } = memoryLogger();
    const unreachable: SearchIndex = {
      ...seeds.index,
      wordsVersion: () => Promise.reject(new Error("connection refused")),
    };
    await expect(createTransliterator(unreachable, lexicon.names, logger).prepare()).resolves.toBeUndefined();
    expect(lines().map((line) => line.msg)).toContain("could not prepare the transliterations of names");
  });
});

describe.skipIf(noPostgres !== undefined)("the transliterations of a question's names in PostgreSQL", () => {
  const schema = temporarySchema();
  let seeds: Awaited<ReturnType<typeof seedIndex>>;
  let postgres: SearchIndex;
  const open = async () =>
    (
      await openPostgresIndex(
        {
          url: TEST_INDEX_URL,
          schema: schema.schema,
          corpusDir: seeds.corpusDir,
          logger: memoryLogger().logger,
          sync: "wait",
        },
        key,
      )
    ).index;
  beforeAll(async () => {
    seeds = await seedIndex();
    postgres = await open();
  });
  afterAll(async () => {
    await postgres?.close();
    await schema.drop();
    await seeds?.close();
  });

  it("are those of the in-process index: the same words, the same groups", async () => {
    const words = async (index: SearchIndex) => [...(await index.words()).words].sort();
    expect(await words(postgres)).toEqual(await words(seeds.index));
    for (const question of [DALY, "Did Daly and Kirby agree on ByteDance?", RODMAN, JACKSONVILLE]) {
      expect(await groups(postgres, question), question).toEqual(await groups(seeds.index, question));
    }
  });

  it("follow the words another process writes: a new article's name is found after its write", async () => {
    const { index, builds } = counted(postgres);
    const transliterate = createTransliterator(index, lexicon.names, memoryLogger().logger);
    const before = await postgres.wordsVersion();
    await transliterate(analyzer.question(RODMAN));
    await writeFile(path.join(seeds.corpusDir, "900_penguins.md"), PENGUINS);
    const writer = await open(); // another process: its sync pass writes the new article
    await writer.close();
    expect(await postgres.wordsVersion()).not.toBe(before);
    // The question that notices the change is answered at once with the matcher there is; a later one gets the
    // new article's name.
    const rodman = async () => {
      const terms = await transliterate(analyzer.question(RODMAN));
      return terms.alternatives.map((g) => g.map((i) => terms.words[i]));
    };
    await expect.poll(rodman, { timeout: 5_000 }).toContainEqual(["rodman", "罗德曼"]);
    expect(builds()).toBe(2);
  });
});
