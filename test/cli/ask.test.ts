import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config.ts";
import { HOSTILE, RAW_CONTROL } from "../support/hostile-article.ts";
import { cacheDirectory, temporaryDirectory } from "../support/seed-qa.ts";

const exec = promisify(execFile);
let cache: Awaited<ReturnType<typeof temporaryDirectory>>;
beforeAll(async () => {
  cache = await cacheDirectory();
});
afterAll(() => cache.remove());

/** Runs `npm run -s ask -- ...args` the way a person would, minus npm. */
async function ask(...args: string[]) {
  return askWithInput(undefined, ...args);
}

/** `ask` with `input` piped to its stdin (closed at once when undefined). */
async function askWithInput(input: string | undefined, ...args: string[]) {
  const running = exec(process.execPath, ["--import", "tsx", "src/cli/ask.ts", ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CACHE_DIR: cache.dir, LOG_LEVEL: "warn" },
  });
  running.child.stdin?.end(input ?? "");
  try {
    const { stdout, stderr } = await running;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run ask", () => {
  it("prints the quote and its source for a person", async () => {
    const { code, stdout } = await ask("耶伦哪天访华？");
    expect(code).toBe(0);
    expect(stdout).toContain("包括4月3日美国财长耶伦将访华");
    expect(stdout).toContain("BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03");
  });

  it("prints one JSON object with --json", async () => {
    const { stdout } = await ask("耶伦哪天访华？", "--json", "--limit", "1");
    const answer = JSON.parse(stdout);
    expect(answer.query).toBe("耶伦哪天访华？");
    expect(answer.quotes).toHaveLength(1);
    expect(Object.keys(answer.quotes[0]).sort()).toEqual([
      "alsoReportedBy",
      "date",
      "file",
      "highlights",
      "publisher",
      "score",
      "text",
      "title",
      "url",
    ]);
    expect(answer.quotes[0]).toMatchObject({
      file: "001_a3cf32f92385dae4.txt",
      date: "2024-04-03",
      publisher: "BBC中文",
    });
  });

  it("lists with --json the other articles that report the same event, and the highlights", async () => {
    const { stdout } = await ask("这不是去风险而是制造风险", "--json", "--limit", "1");
    const [quote] = JSON.parse(stdout).quotes;
    expect(quote.file).toBe("002_206a002612bb7ab9.txt");
    expect(quote.alsoReportedBy).toEqual([
      expect.objectContaining({ publisher: "BBC中文", date: "2024-04-03", file: "001_a3cf32f92385dae4.txt" }),
    ]);
    const marked = quote.highlights.map(([start, end]: [number, number]) => quote.text.slice(start, end));
    expect(marked).toContain("风险");
  });

  it("does not claim a second source for another event with alike wording (the 2024 Biden call)", async () => {
    const { stdout } = await ask("特朗普与习近平通电话", "--json");
    const quotes: Array<{ file: string; alsoReportedBy: Array<{ file: string }> }> =
      JSON.parse(stdout).quotes;
    const trumpCall = quotes.filter((q) => q.file === "000_6243659989082342.txt");
    expect(trumpCall.length).toBeGreaterThan(0);
    for (const q of trumpCall) expect(q.alsoReportedBy).toEqual([]);
  });

  it("adds each quote's context with --context, its quoted range marked, and the filter applied", async () => {
    const { stdout } = await ask("耶伦哪天访华？", "--json", "--context", "--limit", "1", "--source", "bbc");
    const answer = JSON.parse(stdout);
    expect(answer.filter).toEqual({ publishers: ["BBC中文"] });
    const [quote] = answer.quotes;
    const marked = quote.context.paragraphs.find((p: { marks: number[][] }) => p.marks.length > 0);
    const [start, end] = marked.marks[0];
    expect(marked.text.slice(start, end)).toBe(quote.text);
  });

  it("states no filter when none is asked, and lists the known sources for an unknown one", async () => {
    expect(JSON.parse((await ask("耶伦哪天访华？", "--json")).stdout).filter).toBeNull();
    const rejected = await ask("source:CNN 耶伦", "--json");
    const unknown = JSON.parse(rejected.stdout);
    expect(unknown.quotes).toEqual([]);
    expect(unknown.filterProblem.known).toContain("新华社");
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain('No articles from "CNN"');
  });

  it("exits 2 with the reason on stderr for an unreadable date or a since after the until", async () => {
    const unreadable = await ask("习近平", "--since", "2025-13");
    expect(unreadable).toMatchObject({ code: 2, stdout: "" });
    expect(unreadable.stderr).toContain('Cannot read the date "2025-13"');
    const reversed = await ask("耶伦", "--since", "2025", "--until", "2024");
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain("The since date 2025-01-01 is after the until date 2024-12-31");
    const typed = await ask("特朗普 until:yesterday");
    expect(typed.code).toBe(2);
    expect(typed.stderr).toContain('"yesterday"');
  });

  it("lists a source's articles, newest first, for a question that is only a filter", async () => {
    const { code, stdout } = await ask("source:BBC");
    expect(code).toBe(0);
    expect(stdout).toContain("- BBC中文 · 习近平拜登：再次“会谈”，中美之间的分歧减少了吗 · 2024-04-03");
    expect(stdout).not.toContain("文章没有谈到");
  });

  it("prints each quote's context for a person with --context", async () => {
    const { code, stdout } = await ask("耶伦哪天访华？", "--context", "--limit", "1");
    expect(code).toBe(0);
    expect(stdout).toMatch(/上下文 1|Context 1/);
    expect(stdout).toContain(
      "【另一个沟通迹象是中美即将举行几次重要的外交会晤，包括4月3日美国财长耶伦将访华",
    );
  });

  it("reads the questions of --batch - from stdin", async () => {
    const { code, stdout } = await askWithInput("耶伦哪天访华？\nNBA总决赛冠军是谁\n", "--batch", "-");
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(["耶伦哪天访华？", "NBA总决赛冠军是谁"]);
  });

  it("warns on stderr when no article is indexed, and names --corpus for a missing directory", async () => {
    const empty = await temporaryDirectory();
    const none = await ask("耶伦哪天访华？", "--corpus", empty.dir);
    await empty.remove();
    expect(none.code).toBe(0);
    expect(none.stderr).toContain("no articles are indexed");
    const missing = await ask("耶伦哪天访华？", "--corpus", "/nonexistent");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("--corpus /nonexistent");
    expect(missing.stderr).not.toContain("CORPUS_DIR");
  });

  it("gives null for what an article does not state, and an empty list when nothing answers", async () => {
    const covered = JSON.parse((await ask("習近平和特朗普在釜山會晤了多久", "--json")).stdout);
    expect(covered.quotes[0]).toMatchObject({ file: "003_4ca2d0f49d5d1fb0.txt", url: null, publisher: null });
    expect(JSON.parse((await ask("NBA总决赛冠军是谁", "--json")).stdout).quotes).toEqual([]);
  });

  it("answers a batch file line by line, in order, as JSON lines", async () => {
    const file = path.join(cache.dir, "questions.txt");
    await writeFile(file, "耶伦哪天访华？\nNBA总决赛冠军是谁\n中美关系承载着多少人民的福祉\n");
    const lines = (await ask("--batch", file)).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual([
      "耶伦哪天访华？",
      "NBA总决赛冠军是谁",
      "中美关系承载着多少人民的福祉",
    ]);
    expect(lines[1].quotes).toEqual([]);
    expect(lines[2].quotes[0].text).toContain("17亿多人民");
  });

  it("explains with --explain the terms, each candidate's features against the threshold, and an abstention", async () => {
    const { code, stdout } = await ask("耶伦哪天访华？", "--explain");
    expect(code).toBe(0);
    expect(stdout).toContain("包括4月3日美国财长耶伦将访华"); // the answer first, as without it
    expect(stdout).toMatch(/Terms \(Chinese\), answer type: date/);
    expect(stdout).toMatch(/^ +\d+\.\d\d {2}耶伦/m);
    expect(stdout).toMatch(/Threshold: confidence ≥ 25%/);
    expect(stdout).toMatch(/1\. ✓ score \d\.\d{3} {2}confidence \d+%/);
    expect(stdout).toMatch(/bm25 \d\.\d{3} {2}phrase \d\.\d{3} {2}passage/);
    const none = await ask("火星上的液态水有多少", "--explain", "--json");
    const { explanation } = JSON.parse(none.stdout);
    expect(explanation.abstained).toMatch(/below the threshold of 25%|does not cover|do not cover/);
    for (const c of explanation.candidates) {
      const sum = Object.values(c.features as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(c.score, 2); // the score is the sum of what each feature added
    }
  });

  it("treats an empty question as a usage error (exit 2, a one-line hint)", async () => {
    const { code, stderr } = await ask("   ");
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe('Ask a question, e.g. npm run -s ask -- "耶伦哪天访华？"');
  });

  it("treats an unknown option as a usage error: its name, the usage, exit 2", async () => {
    const { code, stdout, stderr } = await ask("耶伦哪天访华？", "--jsn");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Unknown option '--jsn'");
    expect(stderr).toContain("usage: npm run -s ask --");
    expect(stderr).not.toContain("    at ");
  });

  it("cuts an overlong question with a notice", async () => {
    const { code, stderr } = await ask(`耶伦哪天访华？${"很".repeat(600)}`);
    expect(code).toBe(0);
    expect(stderr).toContain("The question was cut to its first 500 characters.");
  });

  it("reads another corpus with --corpus", async () => {
    const corpus = await temporaryDirectory();
    await writeFile(
      path.join(corpus.dir, "a.md"),
      "---\ntitle: 企鹅\n---\n南极洲的帝企鹅数量今年增加了三成。\n",
    );
    const quotes = (dir: string) =>
      ask("帝企鹅数量增加了多少", "--json", "--corpus", dir).then((r) => JSON.parse(r.stdout).quotes);
    expect((await quotes(corpus.dir))[0]).toMatchObject({ title: "企鹅", file: "a.md", url: null });
    expect(await quotes(path.join(PROJECT_ROOT, "seeds"))).toEqual([]);
    await corpus.remove();
  });

  it("prints an article's terminal control sequences as visible characters, never raw", async () => {
    const corpus = await temporaryDirectory();
    await writeFile(path.join(corpus.dir, "hostile.md"), HOSTILE);
    const { stdout } = await ask("帝企鹅数量增加了多少", "--corpus", corpus.dir);
    await corpus.remove();
    expect(stdout).toContain("南极洲的帝企鹅");
    expect(stdout).toContain("企鹅␛]0;pwned␇");
    expect(stdout).not.toMatch(RAW_CONTROL);
  });
});
