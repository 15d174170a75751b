/**
 * The alternatives a user would otherwise pick, each indexing the same passages (cut by the core's own
 * `toPassages`) and answering with passage ids, best first. None of them converts Traditional to Simplified:
 * DRCD's questions and articles are both Traditional, so that costs them nothing there.
 */
import { Charset, Index } from "flexsearch";
import MiniSearch from "minisearch";

/** A search engine under test: build once, then ask. */
export interface Engine {
  add(id: number, text: string): void;
  /** Ids of the best `limit` passages. */
  search(question: string, limit: number): number[];
}

/** The engines this file provides, by the name the report shows. */
export const ALTERNATIVES = ["flexsearch-cjk", "minisearch-bigram", "minisearch-segmenter"] as const;
export type AlternativeName = (typeof ALTERNATIVES)[number];

const HAN_RUN = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;
const HAN = /^\p{Script=Han}/u;

/** Overlapping bigrams of Han runs plus whole Latin/number words, lower-cased (Lucene's CJK analyzer). */
export function bigramTokens(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.toLowerCase().matchAll(HAN_RUN)) {
    if (!HAN.test(run) || run.length === 1) out.push(run);
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** ICU's dictionary word segmentation, keeping only word-like segments. */
export function segmenterTokens(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text.toLowerCase())) if (s.isWordLike) out.push(s.segment);
  return out;
}

function miniSearch(tokenize: (text: string) => string[]): Engine {
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ["text"], tokenize });
  return {
    add: (id, text) => index.add({ id, text }),
    search: (question, limit) =>
      index
        .search(question)
        .slice(0, limit)
        .map((r) => r.id as number),
  };
}

function flexSearch(): Engine {
  const index = new Index({ encoder: Charset.CJK });
  return {
    add: (id, text) => void index.add(id, text),
    search: (question, limit) => index.search(question, { limit, suggest: true }) as number[],
  };
}

/** A fresh, empty engine. */
export function createEngine(name: AlternativeName): Engine {
  switch (name) {
    case "flexsearch-cjk":
      return flexSearch();
    case "minisearch-bigram":
      return miniSearch(bigramTokens);
    case "minisearch-segmenter":
      return miniSearch(segmenterTokens);
  }
}
