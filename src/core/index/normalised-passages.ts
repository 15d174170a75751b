import { normalize } from "../language/normalize.ts";
import type { Passage } from "./port.ts";

/**
 * How many candidates' normalised texts are kept: the passages of recent answers, which the next questions
 * (a follow-up, a popular topic) often find again. About 0.5 MB at most.
 */
const KEPT = 2_000;

/**
 * Gives candidates the normalised text re-ranking and highlighting read, without the index keeping a second copy
 * of every passage: it is recomputed (OpenCC, ~30 µs a passage) for the few candidates of a question, and kept
 * for the last `KEPT` passages found. Keyed by passage id: a changed article's passages get new ids.
 */
export function createNormaliser(): (id: number, passage: Passage) => Passage {
  const kept = new Map<number, string>();
  return (id, passage) => {
    let normal = kept.get(id);
    if (normal === undefined) {
      normal = normalize(passage.text);
      if (kept.size >= KEPT) kept.delete(kept.keys().next().value as number);
    } else kept.delete(id);
    kept.set(id, normal); // most recently found last: the first key is the one found longest ago
    return normal === passage.text ? passage : { ...passage, normal };
  };
}
