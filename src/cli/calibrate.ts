import "../load-env.ts";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig, PROJECT_ROOT } from "../config.ts";
import { calibrateSemantic } from "./calibrate-semantic.ts";
import { DEFAULT_OFF_TOPIC, offTopicSets } from "./off-topic.ts";
import { evaluate, type Question, readQuestions, shown, summarize } from "./scoring.ts";
import { openQa, runCommand, UsageError } from "./setup.ts";

const USAGE =
  "usage: npm run -s calibrate -- [EVAL_DIR] [--thresholds 0.2,0.25,0.3,0.35,0.4] [--off-topic 400] [--english [--information | --written]] [--weights 0,0.1,0.2,0.4,0.8]";

/** One row of the trade-off: a corpus, the questions asked of it, and what should happen. */
interface Probe {
  label: string;
  corpusDir: string;
  questions: Question[];
  /** "answer": wrongly abstained is the error; "abstain": any answer is the error. */
  expect: "answer" | "abstain";
}

/**
 * The abstention trade-off: for each threshold, how often answerable questions were wrongly abstained and how
 * often questions the corpus cannot answer were answered anyway. Off-topic questions are the Wikipedia sets'
 * questions asked of the news articles: a realistic stand-in for what a news bot is asked and cannot answer.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      thresholds: { type: "string", default: "0.2,0.25,0.3,0.35,0.4" },
      "off-topic": { type: "string", default: String(DEFAULT_OFF_TOPIC) },
      english: { type: "boolean", default: false },
      information: { type: "boolean", default: false },
      written: { type: "boolean", default: false },
      weights: { type: "string", default: "0,0.1,0.2,0.4,0.8" },
    },
  });
  const evalDir = positionals[0] ?? path.join(PROJECT_ROOT, "..", "shared", "eval");
  if (!existsSync(path.join(evalDir, "dev.jsonl"))) throw new UsageError(`${evalDir}: no dev.jsonl there`);
  const thresholds = values.thresholds.split(",").map(Number);
  const offTopic = Number(values["off-topic"]);
  const seeds = path.join(PROJECT_ROOT, "seeds");
  const dev = readQuestions(path.join(evalDir, "dev.jsonl"));
  const wiki = (set: string) => readQuestions(path.join(evalDir, set, "questions.jsonl"));
  const xquad = (lang: string) => readQuestions(path.join(evalDir, "xquad-dev", `questions-${lang}.jsonl`));
  const offTopicOf = offTopicSets(evalDir, offTopic);
  const english: Probe[] = [
    {
      label: "xquad-dev English answerable",
      corpusDir: path.join(evalDir, "xquad-dev", "corpus"),
      questions: xquad("en"),
      expect: "answer",
    },
    { ...offTopicOf.en, expect: "abstain" },
    {
      label: "off-topic: dev English questions (xquad-dev corpus)",
      corpusDir: path.join(evalDir, "xquad-dev", "corpus"),
      questions: dev.filter((q) => q.kind === "en"),
      expect: "abstain",
    },
  ];
  const probes: Probe[] = [
    {
      label: "dev answerable (seeds)",
      corpusDir: seeds,
      questions: dev.filter((q) => q.file),
      expect: "answer",
    },
    {
      label: "dev unanswerable (seeds)",
      corpusDir: seeds,
      questions: dev.filter((q) => !q.file),
      expect: "abstain",
    },
    { ...offTopicOf.zh, expect: "abstain" },
    {
      label: "drcd-dev answerable",
      corpusDir: path.join(evalDir, "drcd-dev", "corpus"),
      questions: wiki("drcd-dev"),
      expect: "answer",
    },
    {
      label: "cmrc2018-dev answerable",
      corpusDir: path.join(evalDir, "cmrc2018-dev", "corpus"),
      questions: wiki("cmrc2018-dev"),
      expect: "answer",
    },
  ];
  // --information: the English quotes' information in nats instead of their confidence (try --thresholds 14,16,18,20,22).
  if ((values.information || values.written) && !values.english)
    throw new UsageError("--information and --written are settings of English questions");
  // --written: the threshold of English questions every term of which the corpus writes.
  const setting = values.information
    ? "minInformationEnglish"
    : values.written
      ? "minConfidenceEnglishWritten"
      : values.english
        ? "minConfidenceEnglish"
        : "minConfidence";
  // With a model endpoint set, the fusion weight is swept too (see calibrate-semantic.ts).
  if (loadConfig().semantic) {
    const weights = values.weights.split(",").map(Number);
    const chosen = values.english ? english : probes;
    return calibrateSemantic({ evalDir, probes: chosen, weights, thresholds, setting });
  }
  console.log(`Threshold tried: ${setting}.`);
  console.log(`| questions | what counts as an error | ${thresholds.map((t) => `≥ ${t}`).join(" | ")} |`);
  console.log(`|---|---|${thresholds.map(() => "---|").join("")}`);
  for (const probe of values.english ? english : probes) {
    const cells: string[] = [];
    for (const minConfidence of thresholds) {
      const { qa } = await openQa(probe.corpusDir, { [setting]: minConfidence });
      const outcomes = await evaluate(async (q) => shown(await qa.ask(q)), probe.questions);
      await qa.close();
      const s = summarize(outcomes);
      const answered = outcomes.filter((o) => o.answered).length / outcomes.length;
      cells.push(
        probe.expect === "answer" ? `${pct(s.wronglyAbstained)} (hit@1 ${s.hit1.toFixed(3)})` : pct(answered),
      );
    }
    const error = probe.expect === "answer" ? "wrongly abstained" : "answered anyway";
    console.log(`| ${probe.label} (${probe.questions.length}) | ${error} | ${cells.join(" | ")} |`);
  }
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

runCommand(main, USAGE);
