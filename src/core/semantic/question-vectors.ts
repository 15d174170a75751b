import type { EmbeddingsClient } from "./embeddings.ts";

/** Questions whose vectors are kept: a question asked again (a page, a comparison per outlet) is embedded once. */
const KEPT = 256;

/** A question's vector on its way. */
export interface QuestionVector {
  vector: Promise<Float32Array>;
}

/**
 * The vectors of recent questions: `get` asks the endpoint for a question not asked lately, within `timeoutMs`,
 * and keeps the answer; a failed one is forgotten, so that the next asking tries again.
 */
export function questionVectors(client: EmbeddingsClient, timeoutMs: number) {
  const kept = new Map<string, QuestionVector>();
  return {
    get(question: string): QuestionVector {
      const known = kept.get(question);
      if (known) {
        kept.delete(question); // to the end: the least recently asked goes first
        kept.set(question, known);
        return known;
      }
      const vector = client.embed([question], { timeoutMs }).then(([v]) => {
        if (!v) throw new Error("no vector for the question");
        return v;
      });
      const entry = { vector };
      vector.catch(() => kept.get(question) === entry && kept.delete(question));
      kept.set(question, entry);
      if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
      return entry;
    },
  };
}
