import { matchesFilter, mergeRequests, resolveFilter } from "../question/filters.ts";
import type { QuestionText } from "../question/parse.ts";
import type { Abstention, AppliedFilter, ArticleInfo, FilterProblem, FilterRequest } from "../types.ts";

/** Which articles a question may be answered from. */
export interface Scoped {
  /** The filter applied (from the question and the door's options); undefined when none. */
  filter?: AppliedFilter;
  /** Why the filter could not be applied; then nothing is searched. */
  filterProblem?: FilterProblem;
  /** Only these files are searched; every file when undefined. */
  accept?: (file: string) => boolean;
  /** Set when nothing is to be searched: the filter could not be applied or leaves no article. */
  abstained?: Abstention;
  /**
   * Some article in scope carries a date: a date the question names then picks the articles (see
   * `answer/decide.ts`). Only worked out for a question that names one.
   */
  dated: boolean;
}

/** The distinct publishers of some articles, sorted. */
export function publishersOf(articles: readonly ArticleInfo[]): string[] {
  return [...new Set(articles.flatMap((a) => (a.publisher ? [a.publisher] : [])))].sort();
}

/**
 * The scope of a question: its `source:`/`since:`/`until:` merged with the door's `request` (which wins),
 * resolved against the indexed articles. The articles are read only when there is a filter or a date to apply.
 */
export async function scope(
  articles: () => Promise<ArticleInfo[]>,
  question: QuestionText & { date?: unknown },
  request?: FilterRequest,
): Promise<Scoped> {
  const merged = mergeRequests(question.filter, request);
  const filtered = Object.keys(merged).length > 0;
  if (!filtered && !question.date) return { dated: false };
  const known = await articles();
  const hasDate = (within: readonly ArticleInfo[]) =>
    question.date !== undefined && within.some((a) => a.date);
  if (!filtered) return { dated: hasDate(known) };
  const { filter, problem } = resolveFilter(merged, publishersOf(known));
  if (!filter) return { filterProblem: problem, abstained: "filter-matched-nothing", dated: false };
  const within = known.filter((a) => matchesFilter(filter, a));
  const accepted = new Set(within.map((a) => a.file));
  const accept = (file: string) => accepted.has(file);
  if (accepted.size === 0) {
    const filterProblem = { kind: "noArticles", filter } as const;
    return { filter, accept, filterProblem, abstained: "filter-matched-nothing", dated: false };
  }
  return { filter, accept, dated: hasDate(within) };
}
