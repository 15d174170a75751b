import { type CutParts, cutQuotes } from "./answer/cut-quotes.ts";
import { type DecideParts, decide } from "./answer/decide.ts";
import { createEvidence, type Evidence } from "./answer/evidence.ts";
import { explain } from "./answer/explain.ts";
import { rank } from "./answer/rank.ts";
import { type RetrieveParts, retrieve } from "./answer/retrieve.ts";
import { publishersOf, type Scoped, scope } from "./answer/scope.ts";
import { compareOutlets } from "./features/compare.ts";
import { locate, readContext } from "./features/context.ts";
import { createTimeline } from "./features/timeline/create-timeline.ts";
import type { FeedbackStore } from "./feedback/store.ts";
import type { IndexStats, Retrieval } from "./index/port.ts";
import type { Logger } from "./logger.ts";
import { PAGING } from "./paging.ts";
import type { Analyzer } from "./question/analyse.ts";
import { type ParsedQuestion, parseQuestion } from "./question/parse.ts";
import { createTransliterator } from "./question/transliterations.ts";
import type { SemanticLayer, SemanticStatus } from "./semantic/layer.ts";
import { openSemantic } from "./semantic/open.ts";
import type { SearchSettings } from "./settings.ts";
import { openCorpus, openFeedbackStore, type QaOptions } from "./setup.ts";
import type {
  Abstention,
  Answer,
  AppliedFilter,
  ArticleInfo,
  AskOptions,
  CompareOptions,
  Comparison,
  Qa,
  QuoteLocation,
  VoteOutcome,
  VoteRequest,
} from "./types.ts";

export type { QaOptions } from "./setup.ts";

/** The `Qa` that `createQa` returns, which can also say how big its index is (for health checks and metrics). */
export interface LoadedQa extends Qa {
  /** The articles and passages indexed now; rejects when the index's store cannot be reached. */
  stats(): Promise<IndexStats>;
  /** Whether the semantic layer is on and healthy; undefined when it is off. */
  semantic(): SemanticStatus | undefined;
}

/** What the stages of answering share, built once by `createQa`. */
export interface Pipeline extends RetrieveParts, DecideParts, CutParts {
  analyzer: Analyzer;
  settings: SearchSettings;
  /** Which sentences hold an answer of the type a question asks for; without it, no sentence is preferred so. */
  evidence?: Evidence;
  /** The indexed articles (for filters and dates). */
  articles: () => Promise<ArticleInfo[]>;
  /** The clock relative dates in questions (去年10月) count from. */
  now: () => Date;
  /** The opt-in semantic re-ranking (src/core/semantic), when an operator set a model endpoint. */
  semantic?: SemanticLayer;
}

/** Answers a question: parse → scope → retrieve → rank → decide (answer or abstain) → cut quotes. */
export async function ask(pipeline: Pipeline, raw: string, options: AskOptions = {}): Promise<Answer> {
  const question = parseQuestion(raw, pipeline.now(), pipeline.analyzer);
  const scoped = await scope(pipeline.articles, question, options.filter);
  if (scoped.filter && !scoped.filterProblem && !asksAnything(question.text)) {
    return listFiltered(pipeline, question, scoped.filter, scoped.accept);
  }
  return answerWithin(pipeline, question, scoped, options);
}

/** Whether a question holds a word or number besides its filters (`source:BBC` alone asks for BBC's articles). */
function asksAnything(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** The answer to a question that is only a filter: the articles within it, newest first. */
async function listFiltered(
  pipeline: Pipeline,
  question: ParsedQuestion,
  filter: AppliedFilter,
  accept: ((file: string) => boolean) | undefined,
): Promise<Answer> {
  const articles = newestFirst((await pipeline.articles()).filter((a) => accept?.(a.file) ?? true));
  return {
    question: question.text,
    truncated: question.truncated,
    filter,
    quotes: [],
    hasMore: false,
    articles,
  };
}

/** Articles by date, newest first (undated last), as `Qa.articles` and a filter-only question list them. */
function newestFirst(articles: ArticleInfo[]): ArticleInfo[] {
  return articles.sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
}

/** The stages after scope: retrieve → rank → decide → cut quotes (`compare` runs them once per publisher). */
export async function answerWithin(
  pipeline: Pipeline,
  question: ParsedQuestion,
  scoped: Scoped,
  { limit = PAGING.quotesPerPage, offset = 0, explain: explaining = false }: AskOptions = {},
): Promise<Answer> {
  const { settings, evidence } = pipeline;
  const { filter, filterProblem } = scoped;
  const answer = { question: question.text, truncated: question.truncated, ...(filter ? { filter } : {}) };
  const abstain = (abstained: Abstention, missingNames?: string[]): Answer => ({
    ...answer,
    quotes: [],
    hasMore: false,
    abstained,
    ...(missingNames ? { missingNames } : {}),
    ...(filterProblem ? { filterProblem } : {}),
  });
  if (scoped.abstained) return abstain(scoped.abstained);
  await pipeline.semantic?.prepare(question.text);
  const retrieved = await retrieve(pipeline, question, scoped);
  const { evidenceTested, maxAlternatives } = settings;
  const shape = { minLength: settings.quoteMinLength, evidenceTested, maxAlternatives };
  const rankAll = (r: Retrieval) => rank(r.candidates, retrieved.terms, r, settings.weights, shape, evidence);
  const { found: retrieval, ranked } = pipeline.semantic
    ? await pipeline.semantic.rank(question.text, retrieved.retrieval, rankAll, scoped.accept)
    : { found: retrieved.retrieval, ranked: rankAll(retrieved.retrieval) };
  const found = { ...retrieved, retrieval };
  const decision = await decide(pipeline, question, scoped, found, ranked);
  const why = explaining && {
    explanation: explain(
      found.terms,
      found.retrieval,
      ranked,
      decision.abstained ? [] : decision.answer,
      settings,
    ),
  };
  if (decision.abstained) return { ...abstain(decision.abstained, decision.missingNames), ...why };
  const page = cutQuotes(pipeline, found, decision.answer, { limit, offset }, question);
  // Every passage decided on shared no word with the question (see `cutQuotes`): nothing answers it.
  if (offset === 0 && page.quotes.length === 0) return { ...abstain("not-covered"), ...why };
  return { ...answer, ...page, ...why };
}

/** Each publisher's best quote (articles naming none are one more side), under the user's filter. */
export async function compare(
  pipeline: Pipeline,
  raw: string,
  options: CompareOptions = {},
): Promise<Comparison> {
  const question = parseQuestion(raw, pipeline.now(), pipeline.analyzer);
  const scoped = await scope(pipeline.articles, question, options.filter);
  const { filter, filterProblem } = scoped;
  const base = { question: question.text, truncated: false, ...(filter ? { filter } : {}) };
  if (filterProblem) return { ...base, sides: [], filterProblem };
  const covered = (await pipeline.articles()).filter((a) => scoped.accept?.(a.file) ?? true);
  const publisherOf = new Map(covered.map((a) => [a.file, a.publisher]));
  const best = async (publisher: string | null) => {
    const accept = (file: string) => publisherOf.has(file) && publisherOf.get(file) === publisher;
    const answer = await answerWithin(pipeline, question, { ...scoped, accept }, { limit: 1 });
    return { quote: answer.quotes[0], truncated: answer.truncated };
  };
  const names = [...new Set(covered.map((a) => a.publisher))];
  const results = await Promise.all(names.map(best));
  const quotes = new Map(names.map((name, i) => [name, results[i]?.quote]));
  const truncated = results.some((r) => r.truncated);
  return { ...base, truncated, sides: compareOutlets(names, (name) => quotes.get(name)) };
}

/**
 * Builds (or loads) the index of a corpus and returns the one port adapters use.
 * Throws `ConfigError` or `CorpusError` for problems a person must fix; a broken article file is skipped with a
 * warning, a corrupt saved index is rebuilt.
 */
export async function createQa(options: QaOptions): Promise<LoadedQa> {
  const { corpusDir, logger } = options;
  const { settings, lexicon, analyzer, publishers, index, limits } = await openCorpus(options);
  const transliterate = createTransliterator(index, lexicon.names, logger, settings.maxSoundDistance);
  void transliterate.prepare(); // in the background: the first question with a name would wait for it
  const articles = () => index.articles();
  const evidence = createEvidence(lexicon.sayingVerbs);
  const pipeline: Pipeline = {
    index,
    analyzer,
    settings,
    evidence,
    transliterate,
    articles,
    now: () => new Date(),
    semantic: await openSemantic(options.semantic, index, options, settings.semantic),
    nameCharacters: lexicon.names,
  };
  const source = { corpusDir, publishers, limits, logger };
  const feedback = await openFeedbackStore(options);
  const timeline = createTimeline(articles, source, (word) => {
    const spelled = lexicon.spellings.get(analyzer.canonical(word));
    return spelled && spelled.length > 0 ? spelled : [word];
  });
  const votes = createVoting(articles, feedback, logger);
  return {
    ask: (question, askOptions) => ask(pipeline, question, askOptions),
    compare: (question, compareOptions) => compare(pipeline, question, compareOptions),
    timeline: (question = "", timelineOptions = {}) => timeline(question, timelineOptions),
    context: async (ref, contextOptions) => readContext(await articles(), source, ref, contextOptions),
    vote: votes.vote,
    articles: async () => newestFirst(await articles()),
    publishers: async () => publishersOf(await articles()),
    stats: () => index.stats(),
    semantic: () => pipeline.semantic?.status(),
    async close() {
      await pipeline.semantic?.close();
      await votes.settled();
      await feedback.close();
      await index.close();
    },
  };
}

/** Votes: the refs are resolved to the quotes' places, then the row is stored; the door tells the user the outcome. */
function createVoting(articles: () => Promise<ArticleInfo[]>, feedback: FeedbackStore, logger: Logger) {
  let voting: Promise<unknown> = Promise.resolve();
  const vote = ({ refs, ...request }: VoteRequest): Promise<VoteOutcome> => {
    const outcome = (async () => {
      const known = await articles();
      const quotes = refs.flatMap((ref): QuoteLocation[] => {
        const at = locate(known, ref);
        return at ? [at] : [];
      });
      return feedback.record({ ...request, quotes });
    })().catch((error: unknown): VoteOutcome => {
      logger.warn({ error: String(error) }, "could not record feedback");
      return "failed";
    });
    voting = Promise.all([voting, outcome]);
    return outcome;
  };
  return { vote, settled: () => voting };
}
