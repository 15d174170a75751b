import type { Ranked } from "../answer/rank.ts";
import type { Retrieval } from "../index/port.ts";
import { normalize } from "../language/normalize.ts";
import type { ArticleInfo } from "../types.ts";
import type { Near } from "./passage-vectors.ts";

/**
 * The lexical candidates with the passages nearest by embedding after them. Those have no engine score (0: the
 * lexical search did not find them among its best), so they rise only as far as the re-ranking's other features
 * and the fused similarity carry them. Their articles are looked up in `article` when the retrieval does not
 * know them.
 */
export function joinNearest(
  found: Retrieval,
  near: readonly Near[],
  article: (file: string) => ArticleInfo | undefined,
): Retrieval {
  if (near.length === 0) return found;
  const joined = near.map(({ id, passage }) => {
    const normal = normalize(passage.text);
    return { id, passage: normal === passage.text ? passage : { ...passage, normal }, score: 0 };
  });
  return {
    ...found,
    candidates: [...found.candidates, ...joined],
    article: (file) => found.article(file) ?? article(file),
  };
}

/**
 * `ranked` with `weight` × a feature added to each score, re-sorted. A passage the feature says nothing about
 * (no vector yet, below the reranked top) counts as the least of the others: never better for being unknown.
 * The confidence the answer abstains by is left as it is: the feature reorders, it does not vouch.
 */
export function fuse(
  ranked: readonly Ranked[],
  feature: (r: Ranked, place: number) => number | undefined,
  weight: number,
): Ranked[] {
  if (weight === 0) return [...ranked];
  const values = ranked.map(feature);
  const known = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (known.length === 0) return [...ranked];
  const least = Math.min(...known);
  return ranked
    .map((r, i) => {
      const value = values[i];
      return {
        ...r,
        score: r.score + weight * (value !== undefined && Number.isFinite(value) ? value : least),
      };
    })
    .sort((a, b) => b.score - a.score);
}
