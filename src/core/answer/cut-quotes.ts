import type { Passage } from "../index/port.ts";
import type { Analyzer, QuestionTerms } from "../question/analyse.ts";
import type { ParsedQuestion } from "../question/parse.ts";
import type { SearchSettings } from "../settings.ts";
import type { AskOptions, Quote } from "../types.ts";
import { findHighlights } from "./highlight.ts";
import { encodeRef } from "./quote-ref.ts";
import type { Ranked } from "./rank.ts";
import type { Found } from "./retrieve.ts";
import { type EventFacts, eventFacts, sameEvent } from "./same-event.ts";

/** A quote before paging: highlights are only worked out for the page shown. */
interface Draft {
  ranked: Ranked;
  text: string;
  /** Where `text` starts in the passage. */
  start: number;
  /** `text` normalised. */
  normal: string;
  facts: EventFacts;
  alsoReportedBy: Set<string>;
}

/**
 * A quote scoring below this share of its answer's best is weak (`Quote.weak`): it passed the confidence
 * threshold, but mostly on the question's common words (习近平, for a question on the Busan talks) beside a
 * quote of the thing asked about. Doors mark it; /compare marks an outlet's best quote so against the best
 * outlet's.
 */
export const CONFIDENT_SHARE = 0.7;

/** What cutting quotes needs: how to cut them, and the analyzer whose canonical names tell one event. */
export interface CutParts {
  analyzer: Pick<Analyzer, "canonical">;
  settings: Pick<SearchSettings, "quote" | "sameEventDays">;
}

/**
 * One page of quotes from the passages decided on: each cut (the whole passage, or the sentences that carry the
 * answer), quotes of the same fact from other articles folded into "also reported by", matched words
 * highlighted. `hasMore` when a further page has quotes.
 */
export function cutQuotes(
  { analyzer, settings }: CutParts,
  { terms, retrieval }: Found,
  ranked: readonly Ranked[],
  { limit, offset }: Required<Pick<AskOptions, "limit" | "offset">>,
  { quoted }: Pick<ParsedQuestion, "quoted">,
): { quotes: Quote[]; hasMore: boolean } {
  const drafts: Draft[] = [];
  const named = new Map<string, ReadonlySet<string>>();
  for (const r of ranked) {
    if (drafts.length > offset + limit) break; // one more than the page, to know whether there is more
    if (drafts.some((d) => shows(d.ranked.candidate.passage, r))) continue;
    const { text, start, normal } = cutQuote(r, settings.quote);
    // A quote that shares no word with the question answers something else, however it ranked.
    if (!sharesWord(normal, terms, quoted)) continue;
    const file = r.candidate.passage.file;
    const facts = eventFacts(normal, retrieval.article(file)?.date ?? null, analyzer.canonical, named);
    const same = drafts.find(
      (d) => d.ranked.candidate.passage.file !== file && sameEvent(d.facts, facts, settings.sameEventDays),
    );
    if (same) same.alsoReportedBy.add(file);
    else drafts.push({ ranked: r, text, start, normal, facts, alsoReportedBy: new Set() });
  }
  const best = drafts[0]?.ranked.score ?? 0;
  const quotes = drafts.slice(offset, offset + limit).flatMap((draft, i): Quote[] => {
    const { file, at: where } = draft.ranked.candidate.passage;
    const article = retrieval.article(file);
    if (!article) return [];
    const start = where[1] + draft.start;
    const at = { file, paragraph: where[0], start, end: start + draft.text.length };
    return [
      {
        text: draft.text,
        number: offset + i + 1,
        highlights: findHighlights(draft.text, terms.highlights, draft.normal),
        score: draft.ranked.score,
        weak: draft.ranked.score < CONFIDENT_SHARE * best,
        article,
        alsoReportedBy: [...draft.alsoReportedBy].flatMap((other) => retrieval.article(other) ?? []),
        at,
        ref: encodeRef(at, draft.text),
      },
    ];
  });
  return { quotes, hasMore: drafts.length > offset + limit };
}

/** The quote of a ranked passage: all of it, or the sentences that carry the answer; verbatim and normalised. */
function cutQuote(
  ranked: Ranked,
  shape: SearchSettings["quote"],
): { text: string; start: number; normal: string } {
  const { text: passage, normal = passage } = ranked.candidate.passage;
  if (shape === "passage") return { text: passage, start: 0, normal };
  const raw = passage.slice(ranked.window.start, ranked.window.end);
  const start = ranked.window.start + raw.length - raw.trimStart().length;
  const text = raw.trim();
  return { text, start, normal: normal.slice(start, start + text.length) };
}

/**
 * What a one-character word must say, in nats (see `Lexicon.specificity`), to count as a content word here: as
 * much as the two-character word a reader meets half the time (the median of jieba's dictionary's two-character
 * words weighted by their counts). 宠 (11.2) and 禅 (11.1) count; 人 (5.3), 水 (7.8) do not.
 */
const CONTENT_NATS = 9.6;

/**
 * Whether a normalised quote holds one of the question's words of two characters or more (what a reply
 * highlights) or of its bigrams (祭遵, which jieba cuts into characters), or what it quotes (“质”这个字一般表示什么),
 * or one of its words of one character that says as much as a word of two (`CONTENT_NATS`: jieba cuts 向宠 into
 * the stop word 向 and 宠, 禅那 into 禅 and 那, and a passage on 向宠 need not repeat the question's other words),
 * or, where the question has none of those, one of its words of one character.
 */
function sharesWord(normal: string, terms: QuestionTerms, quoted: readonly string[]): boolean {
  const grams = terms.bigrams.filter((gram) => gram.length > 1);
  const specific = terms.words.flatMap((word, i) =>
    word.length === 1 && (terms.specificity[i] ?? 0) >= CONTENT_NATS ? (terms.forms[i] ?? [word]) : [],
  );
  const words = [...terms.highlights, ...grams, ...quoted, ...specific];
  if (words.length === 0) words.push(...terms.forms.flat().filter(Boolean));
  return words.some((form) => normal.includes(form));
}

/** A passage already shown holds the sentences that answer in another (overlapping passages of one paragraph). */
function shows(shown: Passage, other: Ranked): boolean {
  const { file, at } = other.candidate.passage;
  if (shown.file !== file || shown.at[0] !== at[0]) return false;
  return shown.at[1] <= at[1] + other.window.start && at[1] + other.window.end <= shown.at[2];
}
