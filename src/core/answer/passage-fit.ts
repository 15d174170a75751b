import { sentenceSpans } from "../corpus/sentences.ts";

/** A stretch of one passage: whole sentences, as offsets into the passage text. */
export interface Window {
  start: number;
  end: number;
  /** IDF-weighted share of the question's words and bigrams inside the window, 0–1. */
  coverage: number;
  /** The window holds an answer of the type the question asks for (a date for 哪天, a number for 多少). */
  kindMatch: boolean;
}

/** What the question's terms weigh, so that coverage can be summed quickly. */
export interface TermWeights {
  /** Per word: its forms (any of which counts), its weight, and how much each form says (see `QuestionTerms`). */
  words: Array<{ forms: string[]; weight: number; specificity?: number[] }>;
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

/** What holding an answer of the asked type adds to a window's rank: enough to choose between near-equals. */
const EVIDENCE_BONUS = 0.05;
/** What a window's second sentence costs: it must earn its place by covering clearly more. */
const PAIR_COST = 0.08;

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
 * that holds most of the question's weight (then an answer of the type asked for, `holdsAnswer`, then the shorter),
 * widened with neighbours to `minLength`. An answer usually stands in the sentence that repeats the question's words.
 */
export function assessPassage(
  normal: string,
  weights: TermWeights,
  holdsAnswer?: (sentence: string) => boolean,
  minLength = 0,
): PassageFit {
  const spans = sentenceSpans(normal);
  const wordBits = weights.words.map((w) =>
    w.forms.reduce((bits, form) => bits | sentencesWith(normal, spans, form), 0),
  );
  const gramBits = weights.bigrams.map((b) => sentencesWith(normal, spans, b.term));
  // At most once per sentence, and only for sentences in a window the bonus could make the best: the test may
  // tag the sentence with jieba, which costs more than all the rest. A pair holds the evidence when either does.
  const held: Array<boolean | undefined> = [];
  const holds = (i: number) => {
    if (!holdsAnswer) return false;
    held[i] ??= holdsAnswer(normal.slice(spans[i]?.[0] ?? 0, spans[i]?.[1] ?? 0));
    return held[i];
  };
  // Sentences past the 31st have no bit (see `sentencesWith`), so no window starts or ends there.
  const windowed = Math.min(spans.length, MAX_SENTENCES);
  // Every window of one sentence or two adjacent ones, in passage order: its first sentence, last, coverage.
  const count = Math.max(0, 2 * windowed - 1);
  const first = new Uint8Array(count);
  const last = new Uint8Array(count);
  const coverages = new Float64Array(count);
  const bases = new Float64Array(count);
  for (let i = 0, w = 0; i < windowed; i++) {
    for (let j = i; j < Math.min(i + 2, windowed); j++, w++) {
      first[w] = i;
      last[w] = j;
      coverages[w] = coverageIn(j > i ? (1 << i) | (1 << j) : 1 << i, wordBits, gramBits, weights);
      bases[w] = (coverages[w] ?? 0) - (j > i ? PAIR_COST : 0);
    }
  }
  // Best base first (earlier first among equals): the evidence bonus can only lift a window within the bonus
  // of the best, so the rest are never tested. The result is that of testing every window.
  const bonus = holdsAnswer ? EVIDENCE_BONUS : 0;
  const order = Array.from({ length: count }, (_, w) => w).sort(
    (a, b) => (bases[b] ?? 0) - (bases[a] ?? 0) || a - b,
  );
  let bestAt = -1;
  let bestRank = Number.NEGATIVE_INFINITY;
  let bestMatch = false;
  for (const w of order) {
    const base = bases[w] ?? 0;
    if (base + bonus < bestRank) break;
    const kindMatch = holds(first[w] ?? 0) || holds(last[w] ?? 0);
    const rank = base + (kindMatch ? bonus : 0);
    if (rank > bestRank || (rank === bestRank && w < bestAt)) {
      bestAt = w;
      bestRank = rank;
      bestMatch = kindMatch;
    }
  }
  const i = first[bestAt] ?? 0;
  const j = last[bestAt] ?? 0;
  const best: Window =
    bestAt === -1
      ? { start: 0, end: normal.length, coverage: 0, kindMatch: false }
      : {
          start: spans[i]?.[0] ?? 0,
          end: spans[j]?.[1] ?? normal.length,
          coverage: coverages[bestAt] ?? 0,
          kindMatch: bestMatch,
        };
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
