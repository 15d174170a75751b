import { sentenceSpans } from "../corpus/sentences.ts";
import type { QuestionTerms } from "../text/analyze.ts";

/** A stretch of one passage: whole sentences, as offsets into the passage text. */
export interface Window {
  start: number;
  end: number;
  /** IDF-weighted share of the question's words and bigrams inside the window, 0–1. */
  coverage: number;
  /** The window holds the kind of thing the question asks for (a date for 哪天, a number for 多少). */
  kindMatch: boolean;
}

/** What the question's terms weigh, so that coverage can be summed quickly. */
export interface TermWeights {
  /** Per word: its forms (any of which counts) and its weight. */
  words: Array<{ forms: string[]; weight: number }>;
  bigrams: Array<{ term: string; weight: number }>;
  wordTotal: number;
  bigramTotal: number;
}

/** How a passage answers a question: overall, and in its best window. */
export interface PassageFit {
  /** Coverage of the whole passage, 0–1. */
  coverage: number;
  window: Window;
}

const KIND_EVIDENCE: Record<QuestionTerms["kind"], RegExp | undefined> = {
  date: /\d{1,4}\s*[年月日号]|[一二三四五六七八九十〇零]+[年月日]|(周|星期|礼拜)[一二三四五六日天]|今年|去年|明年|昨天|今天|上午|下午|晚上|凌晨|世纪|年代|\d{4}/,
  number:
    /\d|[一二三四五六七八九十两百千万亿]+\s*[个次名位人年天小时分钟公里米倍亿万元%％座艘辆家种项条]|[一二三四五六七八九十百千万亿]{2,}|几/,
  person: /[\p{Script=Han}]{2,4}(说|表示|指出|称|认为|强调)|记者|总统|主席|部长|发言人|教授|先生|女士|·/u,
  place:
    /[\p{Script=Han}]{1,6}(省|市|县|区|国|州|岛|山|河|湖|海|港|城|镇|村|馆|宫|园|机场)|在[\p{Script=Han}]{2,6}(举行|会晤|会面|访问)/u,
  any: undefined,
};

/** IDF-weighted share of the question's words and bigrams found in a stretch of normalised text, 0–1. */
export function coverageOf(text: string, weights: TermWeights): number {
  const words = weights.words.map((w) => w.forms.some((f) => text.includes(f)));
  const grams = weights.bigrams.map((b) => text.includes(b.term));
  return share(words, grams, weights);
}

function share(words: readonly boolean[], grams: readonly boolean[], weights: TermWeights): number {
  let w = 0;
  weights.words.forEach((word, i) => {
    if (words[i]) w += word.weight;
  });
  let g = 0;
  weights.bigrams.forEach((gram, i) => {
    if (grams[i]) g += gram.weight;
  });
  const shares: number[] = [];
  if (weights.wordTotal > 0) shares.push(w / weights.wordTotal);
  if (weights.bigramTotal > 0) shares.push(g / weights.bigramTotal);
  return shares.length === 0 ? 0 : shares.reduce((a, b) => a + b) / shares.length;
}

/** For each term, the sentences it occurs in (a bit per sentence; passages have few sentences). */
function occurrences(
  normal: string,
  spans: ReadonlyArray<[number, number]>,
  terms: readonly string[][],
): number[] {
  return terms.map((forms) => {
    let bits = 0;
    for (const form of forms) {
      for (let at = normal.indexOf(form); at !== -1; at = normal.indexOf(form, at + 1)) {
        const sentence = spans.findIndex(([, end]) => at < end);
        if (sentence >= 0 && sentence < 31) bits |= 1 << sentence;
      }
    }
    return bits;
  });
}

/**
 * How well a passage fits the question: its overall coverage, and the sentence, or pair of adjacent sentences,
 * that holds most of the question's weight (then the kind of answer asked for, then the shorter), widened with
 * neighbours to `minLength`. An answer usually stands in the sentence that repeats the question's words.
 */
export function assessPassage(
  normal: string,
  weights: TermWeights,
  kind: QuestionTerms["kind"],
  minLength = 0,
): PassageFit {
  const spans = sentenceSpans(normal);
  const wordBits = occurrences(
    normal,
    spans,
    weights.words.map((w) => w.forms),
  );
  const gramBits = occurrences(
    normal,
    spans,
    weights.bigrams.map((b) => [b.term]),
  );
  const coverageIn = (mask: number) =>
    share(
      wordBits.map((bits) => (bits & mask) !== 0),
      gramBits.map((bits) => (bits & mask) !== 0),
      weights,
    );
  const evidence = KIND_EVIDENCE[kind];
  let best: Window = { start: 0, end: normal.length, coverage: 0, kindMatch: false };
  let bestRank = -1;
  for (let i = 0; i < spans.length; i++) {
    for (let j = i; j < Math.min(i + 2, spans.length); j++) {
      const start = spans[i]?.[0] ?? 0;
      const end = spans[j]?.[1] ?? normal.length;
      const coverage = coverageIn(j > i ? (1 << i) | (1 << j) : 1 << i);
      const kindMatch = evidence?.test(normal.slice(start, end)) ?? false;
      // A second sentence must earn its place by covering clearly more.
      const rank = coverage + (kindMatch ? 0.05 : 0) - (j > i ? 0.08 : 0);
      if (rank > bestRank) {
        best = { start, end, coverage, kindMatch };
        bestRank = rank;
      }
    }
  }
  return { coverage: coverageIn(-1), window: widen(best, spans, minLength) };
}

/**
 * Adds neighbouring sentences, the following one first, until the window is at least `minLength` long:
 * a lone short sentence often needs its neighbour to make sense.
 */
function widen(window: Window, spans: ReadonlyArray<[number, number]>, minLength: number): Window {
  let first = spans.findIndex(([start]) => start === window.start);
  let last = spans.findIndex(([, end]) => end === window.end);
  if (first === -1 || last === -1) return window;
  while ((spans[last]?.[1] ?? 0) - (spans[first]?.[0] ?? 0) < minLength) {
    if (last + 1 < spans.length) last++;
    else if (first > 0) first--;
    else break;
  }
  return { ...window, start: spans[first]?.[0] ?? window.start, end: spans[last]?.[1] ?? window.end };
}
