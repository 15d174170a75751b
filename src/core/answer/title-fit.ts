import type { Candidate, CorpusStats } from "../index/port.ts";
import { bigrams } from "../language/bigrams.ts";
import { normalize } from "../language/normalize.ts";
import type { QuestionTerms } from "../question/analyse.ts";

/**
 * How much of an article's title the question names, 0–1: the share of the title's character bigrams (and Latin
 * or number words) that are among the question's. A Wikipedia article is titled by its subject (梵文, 战国无双3),
 * a news article by its headline; the body's passages need not repeat it (the title is taken out of them), so
 * without this a passage of another article that shares the question's other words wins.
 */
export function titleShare(title: string, questionBigrams: ReadonlySet<string>): number {
  const grams = titleBigrams(title);
  let named = 0;
  for (const gram of grams) if (questionBigrams.has(gram)) named++;
  return grams.size === 0 ? 0 : named / grams.size;
}

/** Titles' bigrams, kept: normalising (OpenCC) a title for each of a question's candidates was most of its cost. */
const titleGrams = new Map<string, ReadonlySet<string>>();
/** Past this many titles the kept ones are dropped and kept anew, so a huge corpus cannot grow the map forever. */
const MAX_TITLES_KEPT = 20_000;

function titleBigrams(title: string): ReadonlySet<string> {
  let grams = titleGrams.get(title);
  if (grams === undefined) {
    if (titleGrams.size >= MAX_TITLES_KEPT) titleGrams.clear();
    grams = new Set(bigrams(normalize(title)));
    titleGrams.set(title, grams);
  }
  return grams;
}

const LATIN_WORD = /^[a-z0-9]+$/;

/**
 * `titleShare` of each candidate's article, worked out once per article. The question's Latin words count as
 * named too: an English question's bigrams are mostly its translations', but each Latin word stays one of its
 * own alternatives, and an article may be titled in Latin letters (Doctor_Who).
 */
export function titlesNamed(
  candidates: readonly Candidate[],
  question: QuestionTerms,
  index: CorpusStats,
): Map<string, number> {
  const asked = new Set([...question.bigrams, ...question.words.filter((w) => LATIN_WORD.test(w))]);
  const shares = new Map<string, number>();
  for (const { passage } of candidates)
    if (!shares.has(passage.file))
      shares.set(passage.file, titleShare(index.article(passage.file)?.title ?? "", asked));
  return shares;
}
