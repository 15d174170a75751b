import type { Retrieval, SearchIndex } from "../index/port.ts";
import type { QuestionTerms } from "../question/analyse.ts";
import type { ParsedQuestion } from "../question/parse.ts";
import type { Transliterator } from "../question/transliterations.ts";
import type { SearchSettings } from "../settings.ts";
import type { Scoped } from "./scope.ts";

/** What retrieval needs: the index, how many candidates to take, and the corpus's spellings of names. */
export interface RetrieveParts {
  index: SearchIndex;
  settings: Pick<SearchSettings, "candidates">;
  /** Adds the corpus's transliterations of a question's English names (`createTransliterator`); none without. */
  transliterate?: Transliterator;
}

/** The candidates the index found, and the terms it was asked (what ranking and highlighting read). */
export interface Found {
  terms: QuestionTerms;
  /** The candidates, best first, and the corpus statistics to rank them with. */
  retrieval: Retrieval;
}

/**
 * The terms searched. A dated question is about an event of that time: where articles in scope carry dates, the
 * date picks them (`answer/decide.ts`), so its words are not searched, as they would only count against passages
 * not repeating them. A day or month without a year keeps its words in a Chinese question, where a passage that
 * repeats them is the one wanted; an English one's (April 2, June) are not how the articles write it.
 */
export function searchedTerms(question: ParsedQuestion, scoped: Scoped): QuestionTerms {
  const { date, terms } = question;
  if (!date || !scoped.dated) return terms;
  if (date.kind === "period" || terms.english) return date.undated();
  return terms;
}

/** The index's best passages for a question, within its scope. */
export async function retrieve(
  parts: RetrieveParts,
  question: ParsedQuestion,
  scoped: Scoped,
): Promise<Found> {
  const analysed = searchedTerms(question, scoped);
  const terms = parts.transliterate ? await parts.transliterate(analysed) : analysed;
  return { terms, retrieval: await parts.index.retrieve(terms, parts.settings.candidates, scoped.accept) };
}
