import type { SearchSettings } from "../settings.ts";

/**
 * The terms of one field worth looking up, rarest first. Left out: terms in no passage (nothing to find), terms in
 * more than `commonTermShare` of the passages, and those past `lookupBudget` passages in all; they still count when
 * candidates are re-ranked. Such terms barely move the engine's order but make it score and sort a large share
 * of the corpus, the more so the larger it grows. The rarest term is always kept, and the next rarest whenever the
 * budget allows, however common: so a question of common words still finds, on a small corpus with two of them.
 * Both engines choose their terms this way, so that they look up the same ones.
 */
export function termsToLookUp(
  terms: readonly string[],
  passagesWith: (term: string) => number,
  passages: number,
  settings: Pick<SearchSettings, "commonTermShare" | "lookupBudget">,
): string[] {
  const limit = settings.commonTermShare * passages;
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
