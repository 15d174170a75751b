import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NewsServer, startNewsServer } from "../support/news-server.ts";

const exec = promisify(execFile);
let site: NewsServer;
let corpus: string;
beforeAll(async () => {
  site = await startNewsServer();
  corpus = await mkdtemp(path.join(tmpdir(), "citebot-cli-add-"));
});
afterAll(() => site.close());

/** Runs a CLI entry as `npm run -s NAME --` does, with CORPUS_DIR and FETCH_ALLOW_PRIVATE set. */
async function run(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await exec(
      process.execPath,
      ["--import", "tsx", `src/cli/${script}.ts`, ...args],
      {
        env: {
          ...process.env,
          CORPUS_DIR: corpus,
          FETCH_ALLOW_PRIVATE: "on",
          FETCH_HOST_INTERVAL_MS: "0",
          ...env,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run add and npm run verify", () => {
  it("adds (exit 0), says why not (exit 1), and verifies what was added", async () => {
    const added = await run("add", [`${site.url}/article/jsonld`]);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /^Added: 美国宣布对中国稀土加征关税 · 环球新闻网 · 2025-07-02 — 4 passages \(环球新闻网\/2025-07-02-[0-9a-f]{12}\.md\)\n$/,
    );
    const again = await run("add", [`${site.url}/article/jsonld`]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^Not added: already in: 美国宣布对中国稀土加征关税 · 环球新闻网/);
    const refused = await run("add", [`${site.url}/article/og`], { FETCH_ALLOW_PRIVATE: "" });
    expect(refused).toMatchObject({
      code: 1,
      stderr: "Not added: refused: the link leads to a private, loopback or link-local address\n",
    });

    const verbatim = await run("verify", ["中国外交部发言人回应称，中方坚决反对美方的单边做法。", "--json"]);
    // A part of a sentence is verbatim too (its punctuation aside): the quote is the whole sentence.
    expect(JSON.parse(verbatim.stdout)).toMatchObject({
      verdict: "verbatim",
      quote: { publisher: "环球新闻网" },
    });
    const exact = JSON.parse(
      (
        await run("verify", [
          "商务部长在记者会上表示，这一决定是为了保护美国本土的稀土开采和加工产业，减少对单一来源的依赖。",
          "--json",
        ])
      ).stdout,
    );
    expect(exact).toMatchObject({
      verdict: "verbatim",
      quote: { publisher: "环球新闻网", url: "https://news.example.com/2025/07/rare-earth-tariff" },
      differences: [],
    });
    const nearly = JSON.parse(
      (
        await run("verify", [
          "美国商务部周三宣布，将对从中国进口的稀土产品加征百分之三十五的关税。",
          "--json",
        ])
      ).stdout,
    );
    expect(nearly.verdict).toBe("nearly");
    expect(nearly.differences).toEqual([{ kind: "number", article: "二", quote: "三", at: [27, 28] }]);
    const none = JSON.parse((await run("verify", ["巴黎是法国的首都和最大城市。", "--json"])).stdout);
    expect(none).toEqual({
      verdict: "none",
      text: "巴黎是法国的首都和最大城市。",
      quote: null,
      differences: [],
    });
  });
});
