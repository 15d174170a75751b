/**
 * Question sets and what counts as a hit, the same rule as `npm run eval` (src/cli/eval.ts): the first result
 * comes from the right file and contains the span, compared after normalisation without white space.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { normalize } from "../src/core/language/normalize.ts";
import { SHARED_EVAL } from "./corpora.ts";

/** One line of a question set (see ../shared/eval/README.md). */
export interface Question {
  id: string;
  q: string;
  file: string | null;
  span: string | null;
}

/** Reads a `.jsonl` question set. */
export function readQuestions(file: string): Question[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Question);
}

/** Every k-th question, so that a subset still covers all articles (and stays the same from run to run). */
export function strideSample<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)] as T);
}

const squash = (text: string) => normalize(text).replace(/\s+/g, "");

/**
 * The article a corpus file was copied from. The larger corpora repeat the Wikipedia sets as `dNN-0000.md`
 * (DRCD) and `cNN-0000.md` (CMRC); a copy of the right DRCD article counts as right, since copies are identical.
 */
export function originOf(file: string): string {
  const match = /^([dc])\d\d-(.*)$/.exec(file);
  if (!match) return file;
  return match[1] === "d" ? (match[2] ?? file) : `cmrc/${match[2]}`;
}

/** True when the top result (file and text) answers the question. */
export function isHit(question: Question, top: { file: string; text: string } | undefined): boolean {
  if (!top || question.file === null) return false;
  return originOf(top.file) === question.file && squash(top.text).includes(squash(question.span ?? ""));
}

/** hit@1 over the answerable questions. */
export function hitAt1(questions: readonly Question[], hits: readonly boolean[]): number {
  const answerable = questions.filter((q) => q.file !== null).length;
  return answerable === 0 ? Number.NaN : hits.filter(Boolean).length / answerable;
}

/** Asked when ../shared is absent: seed questions, one of them off the articles' topics. */
const FALLBACK_BOT_QUESTIONS = [
  "耶伦哪天访华？",
  "习近平和特朗普在釜山谈了多久？",
  "拜登对TikTok说了什么？",
  "今天天气怎么样？",
];

/** What the bots are asked in the bench: the seeds' dev.jsonl questions (their texts), or a fixed list. */
export function botQuestions(): string[] {
  const devFile = path.join(SHARED_EVAL, "dev.jsonl");
  return existsSync(devFile) ? readQuestions(devFile).map((q) => q.q) : FALLBACK_BOT_QUESTIONS;
}
