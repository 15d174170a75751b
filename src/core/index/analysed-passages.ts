import { toPassages } from "../corpus/sentences.ts";
import { normalize } from "../language/normalize.ts";
import type { Analyzer, Terms } from "../question/analyse.ts";
import type { SearchSettings } from "../settings.ts";
import type { Article } from "../types.ts";
import type { Passage } from "./port.ts";

/** A passage ready to index: where it stands, its text verbatim and normalised, and its terms. */
export interface AnalysedPassage {
  text: string;
  normal: string;
  at: Passage["at"];
  terms: Terms;
}

/** Cuts an article into passages and analyses each: what either engine indexes, the same way. */
export function* analysedPassages(
  article: Article,
  analyzer: Analyzer,
  settings: Pick<SearchSettings, "passageMaxLength" | "overlap">,
): Generator<AnalysedPassage> {
  for (const [p, paragraph] of article.paragraphs.entries()) {
    for (const { text, start, end } of toPassages(paragraph, settings.passageMaxLength, settings.overlap)) {
      const normal = normalize(text);
      yield { text, normal, at: [p, start, end], terms: analyzer.document(text, normal) };
    }
  }
}
