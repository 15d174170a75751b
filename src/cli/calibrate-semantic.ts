import { loadConfig } from "../config.ts";
import { loadSearchSettings, type SearchSettings } from "../core/settings.ts";
import { sharedSets } from "./eval-sets.ts";
import { evaluate, type Question, readQuestions, shown, summarize } from "./scoring.ts";
import { openQa } from "./setup.ts";

/** A corpus, the questions asked of it, and what should happen (as `calibrate.ts`'s probes). */
export interface SemanticProbe {
  label: string;
  corpusDir: string;
  questions: Question[];
  expect: "answer" | "abstain";
}

/** The threshold settings `calibrate` sweeps. */
export type Threshold =
  | "minConfidence"
  | "minConfidenceEnglish"
  | "minInformationEnglish"
  | "minConfidenceEnglishWritten";

/**
 * The fusion sweep, run by `npm run calibrate` when `EMBEDDINGS_URL` or `RERANK_URL` is set: each fusion weight
 * (the similarity's with an embeddings endpoint alone, the reranker's with a rerank one, the similarity then kept
 * as configured; 0 is the lexical core, no nearest passages joined) first on every shared set at the configured threshold, then against the abstention
 * probes at each threshold; last, the largest weight whose hit@1 is at least the lexical core's on every set.
 */
export async function calibrateSemantic(options: {
  evalDir: string;
  probes: readonly SemanticProbe[];
  weights: readonly number[];
  thresholds: readonly number[];
  setting: Threshold;
}): Promise<void> {
  const { evalDir, probes, weights, thresholds, setting } = options;
  const config = loadConfig();
  const base = loadSearchSettings(config.configDir);
  const on = { embeddings: Boolean(config.semantic?.embeddings), rerank: Boolean(config.semantic?.rerank) };
  // With both endpoints, the reranker's weight is swept and the similarity's kept as configured: the passages the
  // embeddings join are reranked, which is the set-up to calibrate (the similarity alone: EMBEDDINGS_URL only).
  const swept = on.rerank ? "rerank" : "similarity";
  const fused = (weight: number): Partial<SearchSettings> => ({
    semantic: {
      ...base.semantic,
      similarity: weight === 0 || !on.embeddings ? 0 : on.rerank ? base.semantic.similarity : weight,
      rerank: on.rerank ? weight : 0,
      nearest: weight === 0 ? 0 : base.semantic.nearest,
    },
  });
  const memo = new Map<string, ReturnType<typeof summarize> & { answered: number }>();
  const run = async (corpusDir: string, questions: Question[], weight: number, threshold: number) => {
    const key = JSON.stringify([corpusDir, questions.map((q) => q.q), weight, threshold]);
    const known = memo.get(key);
    if (known) return known;
    const { qa } = await openQa(corpusDir, { ...fused(weight), [setting]: threshold });
    const outcomes = await evaluate(async (q) => shown(await qa.ask(q)), questions);
    await qa.close();
    const result = {
      ...summarize(outcomes),
      answered: outcomes.filter((o) => o.answered).length / outcomes.length,
    };
    memo.set(key, result);
    return result;
  };

  const held =
    on.embeddings && on.rerank
      ? `, with the nearest ${base.semantic.nearest} passages joining and similarity ${base.semantic.similarity} above 0`
      : "";
  console.log(`Fusion weight tried: ${swept} (semantic.${swept} in search.json)${held}.`);
  console.log(`\nhit@1 on every shared set, ${setting} ${base[setting]}:\n`);
  console.log(`| set | ${weights.map((w) => (w === 0 ? "0 (lexical)" : `${w}`)).join(" | ")} |`);
  console.log(`|---|${weights.map(() => "--:|").join("")}`);
  const safe = new Set(weights);
  for (const set of sharedSets(evalDir)) {
    const questions = readQuestions(set.questions);
    const hits: number[] = [];
    for (const weight of weights)
      hits.push((await run(set.corpusDir, questions, weight, base[setting])).hit1);
    const lexical = hits[weights.indexOf(0)] ?? 0;
    weights.forEach((w, i) => {
      if ((hits[i] ?? 0) < lexical) safe.delete(w);
    });
    console.log(`| ${set.label} (${questions.length}) | ${hits.map((h) => h.toFixed(3)).join(" | ")} |`);
  }
  const best = Math.max(...[...safe]);
  console.log(
    `\nLargest weight whose hit@1 is at least the lexical core's on every set: ${best}${best === 0 ? " (the model does not help: keep 0)" : ""}.`,
  );

  console.log(`\nAbstention, ${setting} against the fusion weight:\n`);
  console.log(
    `| questions | weight | what counts as an error | ${thresholds.map((t) => `≥ ${t}`).join(" | ")} |`,
  );
  console.log(`|---|--:|---|${thresholds.map(() => "---|").join("")}`);
  for (const probe of probes)
    for (const weight of weights) {
      const cells: string[] = [];
      for (const threshold of thresholds) {
        const s = await run(probe.corpusDir, probe.questions, weight, threshold);
        cells.push(
          probe.expect === "answer"
            ? `${pct(s.wronglyAbstained)} (hit@1 ${s.hit1.toFixed(3)})`
            : pct(s.answered),
        );
      }
      const error = probe.expect === "answer" ? "wrongly abstained" : "answered anyway";
      console.log(
        `| ${probe.label} (${probe.questions.length}) | ${weight} | ${error} | ${cells.join(" | ")} |`,
      );
    }
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
