import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseSynset, shippedWordNet, wordNetAt } from "../../../src/core/language/wordnet.ts";
import { temporaryDirectory } from "../../support/seed-qa.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("parseSynset", () => {
  it("reads a synset's words and the derived forms of one of them", () => {
    // WordNet 3.1's "famous" synset, cut short: two words, a similar-to pointer and a derived form of word 1.
    const line =
      "01378035 00 s 02 famous 0 famed 0 002 & 01377412 a 0000 + 05764398 n 0101 | widely known and esteemed";
    expect(parseSynset(line, "famous")).toEqual({
      words: ["famous", "famed"],
      related: [{ part: "noun", offset: 5764398, word: 1 }],
    });
    expect(parseSynset(line, "famed").related).toEqual([]);
  });

  it("drops adjectives' syntactic markers", () => {
    expect(parseSynset("00001 00 s 01 galore(ip) 0 000 | plenty", "galore").words).toEqual(["galore"]);
  });
});

describe("wordNetAt", () => {
  it("finds a lemma by binary search below the licence lines and follows its synsets", async () => {
    const dir = await temporaryDirectory();
    cleanups.push(dir.remove);
    const db = path.join(dir.dir, "dict");
    await mkdir(db);
    const synset = "00000000 00 n 02 match 0 game 0 000 | a contest\n";
    await writeFile(path.join(db, "data.noun"), synset);
    await writeFile(
      path.join(db, "index.noun"),
      "  1 licence text\n  2 more licence\naardvark n 1 0 1 0 99999999  \nmatch n 1 0 1 0 00000000  \nzebra n 1 0 1 0 99999999  \n",
    );
    for (const pos of ["verb", "adj", "adv"]) {
      await writeFile(path.join(db, `index.${pos}`), "  1 licence\n");
      await writeFile(path.join(db, `data.${pos}`), "");
    }
    const related = wordNetAt(db);
    expect(related("match")).toEqual(["game"]);
    expect(related("Match")).toEqual(["game"]);
    expect(related("matchbox")).toEqual([]);
    expect(related("aaa")).toEqual([]);
  });
});

describe("shippedWordNet", () => {
  const related = shippedWordNet();

  it("gives the synonyms of a word's commonest senses", () => {
    expect(related("famous")).toContain("celebrated");
    expect(related("defense")).toContain("defence");
  });

  it("gives derivationally related forms", () => {
    expect(related("interception")).toContain("intercept");
    expect(related("settler")).toContain("settle");
  });

  it("gives the nouns an adjective pertains to", () => {
    // CC-CEDICT has Scotland (苏格兰), not Scottish.
    expect(related("scottish")).toContain("scotland");
  });

  it("looks phrases up with spaces and knows nothing of other words", () => {
    expect(related("defensive measure")).toContain("defense");
    expect(related("qwzx")).toEqual([]);
  });
});
