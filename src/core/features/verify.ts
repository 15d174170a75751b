import { sentenceSpans } from "../corpus/sentences.ts";
import type { Article, ArticleInfo } from "../types.ts";
import { type AlignStep, alignQuote } from "./align-quote.ts";
import { type QuoteToken, quoteTokens, tokenPairs } from "./quote-tokens.ts";

/** Whether a text stands in the articles: word for word, with small differences, or not at all. */
export type Verdict = "verbatim" | "nearly" | "none";

/** What kind of change separates a quote from the article's sentence. */
export type DifferenceKind = "number" | "negation" | "name" | "wording" | "script";

/** One difference between the text checked and the article's sentence. */
export interface Difference {
  kind: DifferenceKind;
  /** What the article says there ("" when the text checked adds words). */
  article: string;
  /** What the text checked says there ("" when it leaves the article's words out). */
  quote: string;
  /** `[start, end)` of `article` in `ArticleQuote.text` (empty when the text checked adds words). */
  at: readonly [number, number];
}

/** The article's sentence(s) a text was matched with. */
export interface ArticleQuote {
  /** Verbatim from the article: the whole sentences the match falls in. */
  text: string;
  article: ArticleInfo;
  /** Share of the checked text's words the article has in order, 0-1. */
  similarity: number;
  differences: Difference[];
}

/** What `verify` answers. */
export interface Verification {
  verdict: Verdict;
  /** The text checked, as given (trimmed). */
  text: string;
  /** The matching sentence: always for `verbatim` and `nearly`; for `none`, the closest one only if close. */
  quote?: ArticleQuote;
}

/** Options of `createVerifier`; every field is optional. */
export interface VerifyOptions {
  /** Least similarity (share of words in order) for "nearly". Default 0.7. */
  nearly?: number;
  /** Least similarity for `none` to still show the closest sentence. Default 0.5. */
  closest?: number;
  /** Texts longer than this many characters are cut before checking. Default 1000. */
  maxLength?: number;
  /** Paragraphs aligned in full per check, the ones sharing most word pairs. Default 8. */
  candidates?: number;
}

const DEFAULTS: Required<VerifyOptions> = { nearly: 0.7, closest: 0.5, maxLength: 1000, candidates: 8 };

/** Words that turn a statement into its opposite, in normal form (Simplified, lower case). */
const NEGATIONS = new Set([
  "不",
  "没",
  "无",
  "未",
  "非",
  "别",
  "勿",
  "莫",
  "否",
  "not",
  "no",
  "never",
  "n't",
]);

interface Paragraph {
  article: ArticleInfo;
  text: string;
  tokens: QuoteToken[];
}

/**
 * The article's sentence of a check with each difference written by `mark` and the text between by `plain`
 * (each door escapes and marks in its own markup; the walk over the differences is the same for all).
 */
export function markDifferences(
  quote: ArticleQuote,
  plain: (text: string) => string,
  mark: (difference: Difference) => string,
): string {
  let marked = "";
  let at = 0;
  for (const d of quote.differences) {
    marked += plain(quote.text.slice(at, d.at[0])) + mark(d);
    at = d.at[1];
  }
  return marked + plain(quote.text.slice(at));
}

/**
 * Checks quotes against a set of articles: `verify(text)` finds the paragraphs sharing the most word pairs with
 * it, aligns it with each, and judges the best. "verbatim" only when every word is the article's own, in order
 * and in the same script; "nearly" when most are, with each difference named (a number, a negation, a name).
 * `articles` is called on each check; the word-pair index is rebuilt only when it returns another array.
 */
export function createVerifier(articles: () => Promise<readonly Article[]>, options: VerifyOptions = {}) {
  const settings = { ...DEFAULTS, ...options };
  let built: { from: readonly Article[]; paragraphs: Paragraph[]; pairs: Map<string, number[]> } | undefined;
  const indexOf = (from: readonly Article[]) => {
    if (built?.from === from) return built;
    const paragraphs: Paragraph[] = [];
    const pairs = new Map<string, number[]>();
    for (const article of from) {
      const { paragraphs: texts, ...info } = article;
      for (const text of texts) {
        const tokens = quoteTokens(text);
        const id = paragraphs.push({ article: info, text, tokens }) - 1;
        for (const pair of new Set(tokenPairs(tokens))) {
          const list = pairs.get(pair);
          if (list) list.push(id);
          else pairs.set(pair, [id]);
        }
      }
    }
    built = { from, paragraphs, pairs };
    return built;
  };

  return async function verify(input: string): Promise<Verification> {
    const text = input.trim().slice(0, settings.maxLength);
    const tokens = quoteTokens(text);
    if (tokens.length === 0) return { verdict: "none", text };
    const { paragraphs, pairs } = indexOf(await articles());
    const shared = new Map<number, number>();
    for (const pair of new Set(tokenPairs(tokens)))
      for (const id of pairs.get(pair) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const candidates = [...shared]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, settings.candidates)
      .flatMap(([id]) => paragraphs[id] ?? []);
    let best: ArticleQuote | undefined;
    for (const paragraph of candidates) {
      const quote = judge(paragraph, tokens, text);
      if (!best || quote.similarity > best.similarity) best = quote;
      if (quote.differences.length === 0 && quote.similarity === 1) break;
    }
    if (!best) return { verdict: "none", text };
    if (best.similarity === 1 && best.differences.length === 0)
      return { verdict: "verbatim", text, quote: best };
    if (best.similarity >= settings.nearly) return { verdict: "nearly", text, quote: best };
    return best.similarity >= settings.closest
      ? { verdict: "none", text, quote: best }
      : { verdict: "none", text };
  };
}

/** The checked text aligned with one paragraph: the sentences it falls in, its similarity, its differences. */
function judge(paragraph: Paragraph, tokens: readonly QuoteToken[], text: string): ArticleQuote {
  const alignment = alignQuote(paragraph.tokens, tokens);
  const first = paragraph.tokens[alignment.from];
  const last = paragraph.tokens[alignment.to];
  const spans = sentenceSpans(paragraph.text);
  const start = spans.find(([, end]) => end > (first?.start ?? 0))?.[0] ?? 0;
  const end = spans.find(([, e]) => e >= (last?.end ?? 0))?.[1] ?? paragraph.text.length;
  const span = paragraph.text.slice(start, end);
  const quoted = span.trim();
  const offset = start + span.length - span.trimStart().length;
  const differences = differencesOf(alignment.steps, paragraph.tokens, tokens, text, paragraph.text).map(
    (d) => ({ ...d, at: [d.at[0] - offset, d.at[1] - offset] as const }),
  );
  const similarity = Math.max(0, 1 - alignment.edits / Math.max(tokens.length, 1));
  return { text: quoted, article: paragraph.article, similarity, differences };
}

/** Consecutive edits grouped into differences, each named; words the same but in another script, too. */
function differencesOf(
  steps: readonly AlignStep[],
  article: readonly QuoteToken[],
  quote: readonly QuoteToken[],
  quoteText: string,
  articleText: string,
): Array<Omit<Difference, "at"> & { at: readonly [number, number] }> {
  const out: Difference[] = [];
  let run: AlignStep[] = [];
  const close = () => {
    if (run.length === 0) return;
    const a = run.flatMap((s) => ("a" in s ? [article[s.a] as QuoteToken] : []));
    const q = run.flatMap((s) => ("q" in s ? [quote[s.q] as QuoteToken] : []));
    const script = run.every((s) => s.op === "same");
    const at = a.length > 0 ? ([a[0]?.start ?? 0, a.at(-1)?.end ?? 0] as const) : anchor(run, steps, article);
    out.push({
      kind: script ? "script" : kindOf(a, q),
      article: a.length > 0 ? articleText.slice(at[0], at[1]) : "",
      quote: q.length > 0 ? quoteText.slice(q[0]?.start ?? 0, q.at(-1)?.end ?? 0) : "",
      at,
    });
    run = [];
  };
  let scriptRun = false;
  for (const step of steps) {
    const sameWord = step.op === "same";
    const otherScript = sameWord && article[step.a]?.raw !== quote[step.q]?.raw;
    if (sameWord && !otherScript) {
      close();
      continue;
    }
    if (run.length > 0 && otherScript !== scriptRun) close();
    scriptRun = otherScript;
    run.push(step);
  }
  close();
  return out;
}

/** Where words the checked text adds would stand in the article: just after the article word before them. */
function anchor(run: readonly AlignStep[], steps: readonly AlignStep[], article: readonly QuoteToken[]) {
  const index = steps.indexOf(run[0] as AlignStep);
  for (let i = index - 1; i >= 0; i--) {
    const step = steps[i];
    if (step && "a" in step) {
      const end = article[step.a]?.end ?? 0;
      return [end, end] as const;
    }
  }
  const start = article[0]?.start ?? 0;
  return [start, start] as const;
}

/** A number changed, a negation dropped or added, a name or other words replaced. */
function kindOf(article: readonly QuoteToken[], quote: readonly QuoteToken[]): DifferenceKind {
  const words = [...article, ...quote];
  if (words.some((t) => /^[0-9]/.test(t.norm) || /^[零一二三四五六七八九十百千万亿两]$/.test(t.norm)))
    return "number";
  const negation = (side: readonly QuoteToken[]) => side.some((t) => NEGATIONS.has(t.norm));
  if (negation(article) !== negation(quote)) return "negation";
  if (article.length > 0 && quote.length > 0 && (article.length >= 2 || quote.length >= 2)) return "name";
  if (article.some((t) => /^\p{Lu}/u.test(t.raw)) || quote.some((t) => /^\p{Lu}/u.test(t.raw))) return "name";
  return "wording";
}
