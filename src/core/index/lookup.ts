import type { QuestionTerms } from "../question/analyse.ts";
import type { SearchSettings } from "../settings.ts";
import { SEARCH_DEFAULTS } from "../settings.ts";

/**
 * The terms of one field worth looking up, rarest first. Left out: terms in no passage (nothing to find), terms in
 * more than `commonTermShare` of the passages (and more than `cheapTermPassages`), and those past `lookupBudget`
 * passages in all; they still count when
 * candidates are re-ranked. Such terms barely move the engine's order but make it score and sort a large share
 * of the corpus, the more so the larger it grows. The rarest term is always kept, and the next rarest whenever the
 * budget allows, however common: so a question of common words still finds, on a small corpus with two of them.
 * Both engines choose their terms this way, so that they look up the same ones.
 */
export function termsToLookUp(
  terms: readonly string[],
  passagesWith: (term: string) => number,
  passages: number,
  settings: Pick<SearchSettings, "commonTermShare" | "cheapTermPassages" | "lookupBudget">,
): string[] {
  const limit = Math.max(settings.commonTermShare * passages, settings.cheapTermPassages);
  const byRarity = terms.filter((term) => passagesWith(term) > 0);
  byRarity.sort((a, b) => passagesWith(a) - passagesWith(b));
  let spent = 0;
  return byRarity.filter((term, i) => {
    const cost = passagesWith(term);
    const affordable = spent + cost <= settings.lookupBudget;
    const kept = i === 0 || (affordable && (i === 1 || cost <= limit));
    if (kept) spent += cost;
    return kept;
  });
}

/**
 * The question's words to use: all but the translations the corpus does not hold and, of each English term's
 * alternatives, all but the first `maxAlternatives` it holds (dictionary order: main senses, exact glosses,
 * short headwords first). Both the index lookup and the re-ranking choose with this, so that they agree.
 * Translations the corpus writes only inside its words (`within`: not a word of the index, so never looked up)
 * are used too, by the re-ranking, up to `maxAlternatives` of their own: apart from the index words' count, so
 * that MiniSearch's lookup and the re-ranking keep the same words of the index. (PostgreSQL's lookup counts every
 * word of the question the corpus holds: it learns the counts in the same statement that looks the words up.)
 */
export function usedWords(
  question: QuestionTerms,
  occurs: (word: string) => boolean,
  within: (word: string) => boolean = () => false,
  maxAlternatives: number = SEARCH_DEFAULTS.maxAlternatives,
): boolean[] {
  const used = question.words.map(() => true);
  const grouped = new Set(question.alternatives.flat());
  for (const i of grouped) used[i] = false;
  for (const group of question.alternatives) {
    let kept = 0;
    let inside = 0;
    for (const i of group) {
      if (kept >= maxAlternatives) break;
      const word = question.words[i] ?? "";
      if (occurs(word)) {
        used[i] = true;
        kept++;
      } else if (inside < maxAlternatives && within(word)) {
        used[i] = true;
        inside++;
      }
    }
  }
  return used;
}
