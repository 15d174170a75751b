import type { Retrieval } from "../index/port.ts";
import type { QuestionTerms } from "../question/analyse.ts";
import type { SearchSettings } from "../settings.ts";
import type { Explanation } from "../types.ts";
import { confidenceNeeded, informationNeeded } from "./decide.ts";
import { type Ranked, termWeights } from "./rank.ts";

/** How many of the candidates an explanation lists, best first. */
const EXPLAINED_CANDIDATES = 10;
/** How much of each candidate's passage an explanation shows. */
const SHOWN_CHARACTERS = 120;

/**
 * Why a question got the quotes it got: its terms and their weights, the answer type, every candidate's score
 * feature by feature against the threshold, and, when nothing was quoted, why. `all` is every candidate
 * re-ranked, `kept` those that passed the threshold (and the question's date).
 */
export function explain(
  terms: QuestionTerms,
  found: Retrieval,
  all: readonly Ranked[],
  kept: readonly Ranked[],
  settings: SearchSettings,
): Explanation {
  const threshold = confidenceNeeded(terms, found, settings);
  const minInformation = informationNeeded(terms, found, settings);
  const passed = new Set(kept.map((r) => r.candidate.id));
  const weights = termWeights(terms, found);
  return {
    terms: weights.words.map((w) => ({ forms: w.forms, weight: round(w.weight) })),
    english: terms.english,
    answerType: terms.type,
    threshold,
    ...(minInformation === undefined ? {} : { minInformation }),
    candidates: all.slice(0, EXPLAINED_CANDIDATES).map((r) => ({
      file: r.candidate.passage.file,
      title: found.article(r.candidate.passage.file)?.title ?? "",
      text: r.candidate.passage.text.slice(0, SHOWN_CHARACTERS),
      score: round(r.score),
      confidence: round(r.confidence),
      ...(terms.english ? { information: round(r.information) } : {}),
      features: Object.fromEntries(Object.entries(r.features).map(([k, v]) => [k, round(v)])),
      passed: passed.has(r.candidate.id),
    })),
    ...(kept.length === 0 ? { abstained: whyNone(all, threshold, minInformation) } : {}),
  };
}

/** Why no candidate was quoted, in a sentence an operator can act on. */
function whyNone(all: readonly Ranked[], threshold: number, minInformation: number | undefined): string {
  if (all.length === 0) return "No passage holds any of the question's terms: the articles do not cover it.";
  const best = all.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  if (best.confidence < threshold)
    return `The best passage covers ${percent(best.confidence)} of the question's terms, below the threshold of ${percent(threshold)}.`;
  if (minInformation !== undefined && all.every((r) => r.information < minInformation))
    return `The passages that cover the question say at most ${round(Math.max(...all.map((r) => r.information)))} nats of it, below the ${minInformation} an English question needs.`;
  return "The passages that cover the question are from articles dated outside the time it asks about.";
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
