/**
 * The corpora the benchmark runs on: the seeds, DRCD dev as it is, and larger ones made by repeating the two
 * Wikipedia sets (DRCD dev + CMRC 2018 dev) in a fixed order, so that anyone gets the same files.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "../src/config.ts";
import { readCorpus } from "../src/core/corpus/read-corpus.ts";
import { toPassages } from "../src/core/corpus/sentences.ts";
import { loadSearchSettings } from "../src/core/settings.ts";
import type { Article } from "../src/core/types.ts";

/** Where the eval sets live: `EVAL_DIR`, else `../shared/eval` beside the project. */
export const SHARED_EVAL = process.env.EVAL_DIR ?? path.resolve(PROJECT_ROOT, "../shared/eval");
/** The sizes a run can ask for, smallest first. */
export const SIZE_NAMES = ["seeds", "drcd", "30k", "100k", "300k"] as const;
export type SizeName = (typeof SIZE_NAMES)[number];

/** A corpus ready to index, with the questions asked of it. */
export interface BenchCorpus {
  name: SizeName;
  dir: string;
  /** A `.jsonl` question set. */
  questionsFile: string | undefined;
  /** How many of its questions to ask (a stride sample), to keep large sizes within the time budget. */
  questionCount: number;
}

const TARGETS: Partial<Record<SizeName, number>> = { "30k": 30_000, "100k": 100_000, "300k": 300_000 };
/** Questions asked at the larger sizes: enough for a stable p99, few enough for a slow engine. */
const LARGE_QUESTIONS = 1000;

/** A source the larger corpora repeat, with the prefix its copies get (`d03-0000.md`). */
interface Source {
  prefix: string;
  dir: string;
}

function sources(): Source[] {
  if (!existsSync(SHARED_EVAL)) return [{ prefix: "s", dir: path.join(PROJECT_ROOT, "seeds") }];
  return [
    { prefix: "d", dir: path.join(SHARED_EVAL, "drcd-dev/corpus") },
    { prefix: "c", dir: path.join(SHARED_EVAL, "cmrc2018-dev/corpus") },
  ];
}

/** Passages of one article as the core cuts them (same function, same maximum length), to plan sizes. */
function passagesOf(article: Article, maxLength: number): string[] {
  return article.paragraphs.flatMap((p) => toPassages(p, maxLength).map((cut) => cut.text));
}

/** An article as Markdown with YAML front matter, the format users add articles in. */
function toMarkdown(article: Article, title: string): string {
  const front = [
    `title: ${JSON.stringify(title)}`,
    `source: ${JSON.stringify(article.publisher ?? "bench")}`,
  ];
  if (article.url) front.push(`url: ${JSON.stringify(article.url)}`);
  return `---\n${front.join("\n")}\n---\n# ${title}\n\n${article.paragraphs.join("\n\n")}\n`;
}

/**
 * Writes `repeats` copies of the sources into `dir`. Copy r > 0 gets "(副本 r)" in its title, so that every
 * document is distinct; the passages themselves repeat, which makes every term r times as common as in a real
 * corpus of that size: a pessimistic case for latency.
 */
async function writeRepeats(dir: string, repeats: number, loaded: Array<[Source, Article[]]>): Promise<void> {
  const marker = path.join(dir, ".complete");
  if (existsSync(marker) && (await readFile(marker, "utf8")) === String(repeats)) return;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (let r = 0; r < repeats; r++) {
    for (const [source, articles] of loaded) {
      for (const article of articles) {
        const title = r === 0 ? article.title : `${article.title} (副本 ${r})`;
        const name = `${source.prefix}${String(r).padStart(2, "0")}-${article.file.replace(/\.\w+$/, "")}.md`;
        await writeFile(path.join(dir, name), toMarkdown(article, title));
      }
    }
  }
  await writeFile(marker, String(repeats));
}

/** Resolves a size name to a corpus, writing the larger ones under `.cache/bench-corpora/` on first use. */
export async function prepareCorpus(name: SizeName): Promise<BenchCorpus> {
  const shared = existsSync(SHARED_EVAL);
  const drcdQuestions = shared ? path.join(SHARED_EVAL, "drcd-dev/questions.jsonl") : undefined;
  if (name === "seeds") {
    const questionsFile = shared ? path.join(SHARED_EVAL, "dev.jsonl") : undefined;
    return { name, dir: path.join(PROJECT_ROOT, "seeds"), questionsFile, questionCount: Infinity };
  }
  if (name === "drcd" && shared) {
    const dir = path.join(SHARED_EVAL, "drcd-dev/corpus");
    return { name, dir, questionsFile: drcdQuestions, questionCount: Infinity };
  }
  const loaded: Array<[Source, Article[]]> = [];
  for (const source of sources()) loaded.push([source, (await readCorpus(source.dir, new Map())).articles]);
  const { passageMaxLength } = loadSearchSettings(path.join(PROJECT_ROOT, "config"));
  const count = (as: Article[]) => as.reduce((m, a) => m + passagesOf(a, passageMaxLength).length, 0);
  const perCopy = loaded.reduce((n, [, as]) => n + count(as), 0);
  const target = TARGETS[name] ?? 3_200;
  const repeats = Math.max(1, Math.round(target / perCopy));
  const dir = path.join(PROJECT_ROOT, ".cache/bench-corpora", name);
  await writeRepeats(dir, repeats, loaded);
  return { name, dir, questionsFile: drcdQuestions, questionCount: LARGE_QUESTIONS };
}
