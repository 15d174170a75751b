import path from "node:path";
import { PROJECT_ROOT } from "../config.ts";

/** One shared question set and the corpus it is asked of. */
export interface EvalSet {
  /** How the table names it. */
  label: string;
  questions: string;
  corpusDir: string;
}

/** Where the shared sets live unless told: `../shared/eval` beside the project (see its README). */
export const DEFAULT_EVAL_DIR = path.join(PROJECT_ROOT, "..", "shared", "eval");

/** Every shared set, in the order `eval --all` reports them. */
export function sharedSets(evalDir: string): EvalSet[] {
  const at = (...parts: string[]) => path.join(evalDir, ...parts);
  return [
    { label: "dev", questions: at("dev.jsonl"), corpusDir: path.join(PROJECT_ROOT, "seeds") },
    {
      label: "xquad-dev en",
      questions: at("xquad-dev", "questions-en.jsonl"),
      corpusDir: at("xquad-dev", "corpus"),
    },
    {
      label: "xquad-dev zh",
      questions: at("xquad-dev", "questions-zh.jsonl"),
      corpusDir: at("xquad-dev", "corpus"),
    },
    { label: "drcd-dev", questions: at("drcd-dev", "questions.jsonl"), corpusDir: at("drcd-dev", "corpus") },
    {
      label: "cmrc2018-dev",
      questions: at("cmrc2018-dev", "questions.jsonl"),
      corpusDir: at("cmrc2018-dev", "corpus"),
    },
  ];
}
