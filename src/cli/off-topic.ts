import path from "node:path";
import { PROJECT_ROOT } from "../config.ts";
import { type Question, readQuestions } from "./scoring.ts";

/** How many off-topic questions `calibrate` and `eval --all` ask unless told. */
export const DEFAULT_OFF_TOPIC = 400;

/** Questions the news articles cannot answer, and the corpus they are asked of. */
export interface OffTopicSet {
  label: string;
  corpusDir: string;
  /** Every one with `file: null`: any quote is an error. */
  questions: Question[];
}

/**
 * The off-topic questions: the Wikipedia sets' questions asked of the news articles (`seeds/`), a realistic
 * stand-in for what a news bot is asked and cannot answer. Chinese: the first `count / 2` of drcd-dev and of
 * cmrc2018-dev; English: the first `count` of xquad-dev's English questions.
 */
export function offTopicSets(
  evalDir: string,
  count = DEFAULT_OFF_TOPIC,
): { zh: OffTopicSet; en: OffTopicSet } {
  const seeds = path.join(PROJECT_ROOT, "seeds");
  const read = (...parts: string[]) => readQuestions(path.join(evalDir, ...parts));
  const unanswerable = (questions: Question[]) => questions.map((q) => ({ ...q, file: null, span: null }));
  return {
    zh: {
      label: `off-topic: ${count} Wikipedia questions (seeds)`,
      corpusDir: seeds,
      questions: unanswerable([
        ...read("drcd-dev", "questions.jsonl").slice(0, count / 2),
        ...read("cmrc2018-dev", "questions.jsonl").slice(0, count / 2),
      ]),
    },
    en: {
      label: `off-topic: ${count} xquad-dev English questions (seeds)`,
      corpusDir: seeds,
      questions: unanswerable(read("xquad-dev", "questions-en.jsonl").slice(0, count)),
    },
  };
}
