import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readCorpus } from "../../../src/core/corpus/read-corpus.ts";
import { splitSentences } from "../../../src/core/corpus/sentences.ts";
import { createVerifier } from "../../../src/core/features/verify.ts";
import type { Article } from "../../../src/core/types.ts";

const ROOT = path.join(import.meta.dirname, "../../..");
let seeds: Article[];
let verify: ReturnType<typeof createVerifier>;
/** Sentences of at least 12 characters: shorter ones ("通告仅此一句话。") are not claims worth checking. */
let sentences: Array<{ text: string; file: string }>;

beforeAll(async () => {
  seeds = (await readCorpus(path.join(ROOT, "seeds"), new Map())).articles;
  verify = createVerifier(async () => seeds);
  sentences = seeds
    .flatMap((a) =>
      a.paragraphs.flatMap((p) => splitSentences(p).map((s) => ({ text: s.trim(), file: a.file }))),
    )
    .filter((s) => s.text.replace(/\s/g, "").length >= 12);
});

describe("verify", () => {
  it("finds every sentence of the seeds verbatim, in an article that holds it", async () => {
    expect(sentences.length).toBeGreaterThan(100);
    for (const { text } of sentences) {
      const result = await verify(text);
      expect(result.verdict, text).toBe("verbatim");
      const source = seeds.find((a) => a.file === result.quote?.article.file);
      expect(source?.paragraphs.some((p) => p.includes(result.quote?.text ?? "\u0000"))).toBe(true);
      expect(result.quote?.text).toContain(text);
    }
  });

  const changed = (kind: string, change: (s: string) => string | undefined) =>
    it(`marks ${kind} as "nearly", naming it`, async () => {
      let tried = 0;
      for (const { text } of sentences) {
        const altered = change(text);
        if (!altered || altered === text) continue;
        tried++;
        const result = await verify(altered);
        expect(result.verdict, altered).toBe("nearly");
        expect(
          result.quote?.differences.map((d) => d.kind),
          altered,
        ).toContain(kind);
      }
      expect(tried).toBeGreaterThan(5);
    });
  changed("number", (s) => (/\d/.test(s) ? s.replace(/\d/, (d) => String((Number(d) + 1) % 10)) : undefined));
  // A negation of a verb (不会, 不是, 没有…): 不 in 不过 or 不安 is part of a word, and dropping it makes a fragment.
  changed("negation", (s) => {
    const match = /(不|没)(?=会|是|能|再|要|愿|同意|可能|有|排除|接受)/.exec(s);
    return match ? s.slice(0, match.index) + s.slice(match.index + 1) : undefined;
  });
  changed("name", (s) =>
    s.includes("习近平")
      ? s.replace("习近平", "拜登")
      : s.includes("習近平")
        ? s.replace("習近平", "拜登")
        : undefined,
  );

  it("does not find 100 sentences of Wikipedia articles (at least 98 of them)", async () => {
    const wiki = await readCorpus(path.join(ROOT, "../shared/eval/cmrc2018-dev/corpus"), new Map()).catch(
      () => undefined,
    );
    if (!wiki) return; // the shared sets are not there (a fresh clone): nothing to compare against
    const sample = wiki.articles
      .slice(0, 200)
      .flatMap((a) => splitSentences(a.paragraphs[0] ?? "").slice(0, 1))
      .filter((s) => s.length >= 12)
      .slice(0, 100);
    expect(sample).toHaveLength(100);
    let none = 0;
    for (const text of sample) if ((await verify(text)).verdict === "none") none++;
    expect(none).toBeGreaterThanOrEqual(98);
  });

  it("says a script difference is not verbatim", async () => {
    const result = await verify("此次通話是兩人自川普就任以來首次正式接觸。");
    expect(result.verdict).toBe("nearly");
    expect(new Set(result.quote?.differences.map((d) => d.kind))).toEqual(new Set(["script"]));
  });
});
