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
  /** How many of the question's words (terms, for alternatives) the window holds. */
  words: number;
}

/** What the question's terms weigh, so that coverage can be summed quickly. */
export interface TermWeights {
  /** Per word: its forms (any of which counts) and its weight. */
  words: Array<{ forms: string[]; weight: number }>;
  bigrams: Array<{ term: string; weight: number }>;
  wordTotal: number;
  bigramTotal: number;
  /** How many terms the question asks about, those the corpus lacks too (an English term's translations are one). */
  asked?: number;
}

/** How a passage answers a question: overall, and in its best window. */
export interface PassageFit {
  /** Coverage of the whole passage, 0–1. */
  coverage: number;
  window: Window;
}

/**
 * What an answer of each kind looks like. Each pattern is tested on one sentence at a time, so none may match
 * sentence-ending punctuation (see `sentenceSpans`): avoid `.`, `\S`, `[^…]` and `\p{P}`.
 */
const KIND_EVIDENCE: Record<QuestionTerms["kind"], RegExp | undefined> = {
  date: /\d{1,4}\s*[年月日号]|[一二三四五六七八九十〇零]+[年月日]|(周|星期|礼拜)[一二三四五六日天]|今年|去年|明年|昨天|今天|上午|下午|晚上|凌晨|世纪|年代|\d{4}/,
  number:
    /\d|[一二三四五六七八九十两百千万亿]+\s*[个次名位人年天小时分钟公里米倍亿万元%％座艘辆家种项条]|[一二三四五六七八九十百千万亿]{2,}|几/,
  person: /[\p{Script=Han}]{2,4}(说|表示|指出|称|认为|强调)|记者|总统|主席|部长|发言人|教授|先生|女士|·/u,
  place:
    /[\p{Script=Han}]{1,6}(省|市|县|区|国|州|岛|山|河|湖|海|港|城|镇|村|馆|宫|园|机场)|在[\p{Script=Han}]{2,6}(举行|会晤|会面|访问)/u,
  any: undefined,
};

/**
 * IDF-weighted share of the question's words and bigrams that occur in the sentences `mask` selects, 0–1:
 * the mean of the words' share and the bigrams' share. `wordBits[i]` and `gramBits[i]` say which sentences hold
 * term i (see `sentencesWith`).
 */
function coverageIn(
  mask: number,
  wordBits: readonly number[],
  gramBits: readonly number[],
  weights: TermWeights,
): number {
  // Plain loops: this runs for every window of every candidate, and allocating here was most of a question's
  // garbage (hence of its young-generation collections).
  let words = 0;
  for (let i = 0; i < wordBits.length; i++)
    if ((wordBits[i] ?? 0) & mask) words += weights.words[i]?.weight ?? 0;
  let grams = 0;
  for (let i = 0; i < gramBits.length; i++)
    if ((gramBits[i] ?? 0) & mask) grams += weights.bigrams[i]?.weight ?? 0;
  const { wordTotal, bigramTotal } = weights;
  if (wordTotal > 0 && bigramTotal > 0) return (words / wordTotal + grams / bigramTotal) / 2;
  if (wordTotal > 0) return words / wordTotal;
  return bigramTotal > 0 ? grams / bigramTotal : 0;
}

/** Sentences of a passage that have a bit in a 32-bit mask (short of the sign bit). */
const MAX_SENTENCES = 31;

/** The sentences a form occurs in: a bit per sentence (passages have few sentences; past the 31st, none). */
function sentencesWith(normal: string, spans: ReadonlyArray<[number, number]>, form: string): number {
  let bits = 0;
  // Occurrences come in order, so the sentence search goes on from the last one found.
  let sentence = 0;
  for (let at = normal.indexOf(form); at !== -1; at = normal.indexOf(form, at + 1)) {
    while (sentence < spans.length && at >= (spans[sentence]?.[1] ?? 0)) sentence++;
    if (sentence < spans.length && sentence < MAX_SENTENCES) bits |= 1 << sentence;
  }
  return bits;
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
  const wordBits = weights.words.map((w) =>
    w.forms.reduce((bits, form) => bits | sentencesWith(normal, spans, form), 0),
  );
  const gramBits = weights.bigrams.map((b) => sentencesWith(normal, spans, b.term));
  // Once per sentence (see KIND_EVIDENCE): a pair of sentences holds the evidence when either does.
  const evidence = KIND_EVIDENCE[kind];
  const holdsKind = evidence ? spans.map((span) => evidence.test(normal.slice(span[0], span[1]))) : [];
  let best: Window = { start: 0, end: normal.length, coverage: 0, kindMatch: false, words: 0 };
  let bestMask = 0;
  let bestRank = -1;
  // Sentences past the 31st have no bit (see `sentencesWith`), so no window starts or ends there.
  const windowed = Math.min(spans.length, MAX_SENTENCES);
  for (let i = 0; i < windowed; i++) {
    for (let j = i; j < Math.min(i + 2, windowed); j++) {
      const start = spans[i]?.[0] ?? 0;
      const end = spans[j]?.[1] ?? normal.length;
      const coverage = coverageIn(j > i ? (1 << i) | (1 << j) : 1 << i, wordBits, gramBits, weights);
      const kindMatch = (holdsKind[i] || holdsKind[j]) ?? false;
      // A second sentence must earn its place by covering clearly more.
      const rank = coverage + (kindMatch ? 0.05 : 0) - (j > i ? 0.08 : 0);
      if (rank > bestRank) {
        best = { start, end, coverage, kindMatch, words: 0 };
        bestMask = j > i ? (1 << i) | (1 << j) : 1 << i;
        bestRank = rank;
      }
    }
  }
  best.words = wordBits.filter((bits) => bits & bestMask).length;
  return { coverage: coverageIn(-1, wordBits, gramBits, weights), window: widen(best, spans, minLength) };
}

/**
 * Adds neighbouring sentences, the following one first, until the window is at least `minLength` long:
 * a lone short sentence often needs its neighbour to make sense.
 */
function widen(window: Window, spans: ReadonlyArray<[number, number]>, minLength: number): Window {
  if (window.end - window.start >= minLength) return window;
  let first = spans.findIndex((span) => span[0] === window.start);
  let last = spans.findIndex((span) => span[1] === window.end);
  if (first === -1 || last === -1) return window;
  while ((spans[last]?.[1] ?? 0) - (spans[first]?.[0] ?? 0) < minLength) {
    if (last + 1 < spans.length) last++;
    else if (first > 0) first--;
    else break;
  }
  return { ...window, start: spans[first]?.[0] ?? window.start, end: spans[last]?.[1] ?? window.end };
}
