import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../../src/adapters/console/chat.ts";
import { type NewsService, startNews } from "../../../src/ingest/news.ts";
import { createFakeQa } from "../../support/fake-qa.ts";
import { newsConfigIn } from "../../support/news-config.ts";
import { type NewsServer, startNewsServer } from "../../support/news-server.ts";

let site: NewsServer;
let news: NewsService;
beforeAll(async () => {
  site = await startNewsServer();
  const dir = await mkdtemp(path.join(tmpdir(), "citebot-chat-news-"));
  const config = newsConfigIn(dir);
  news = startNews(config, pino({ level: "silent" }), undefined);
});
afterAll(async () => {
  await news.stop();
  await site.close();
});

describe("the console chat's /add and /verify", () => {
  it("adds a link and checks a quote against it", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (chunk) => {
      text += String(chunk);
    });
    input.end(
      `/add ${site.url}/article/og\n/verify 双方同意在今年联合国气候大会之前加强沟通\n/add ${site.url}/paywall\n`,
    );
    await runConsoleChat({ qa: createFakeQa(), input, output, news });
    const replies = text.trim().split("\n\n");
    expect(replies[0]).toMatch(
      /^已添加 Added: 欧盟与中国举行气候对话 · 世界日报 · 2025-07-03 — 3 个段落 3 passages \(世界日报\/2025-07-03-[0-9a-f]{12}\.md\)$/,
    );
    expect(replies[1]).toBe(
      "逐字相符 Verbatim:\n「双方同意在今年联合国气候大会之前加强沟通，并就甲烷减排交换了各自的最新计划。」\n— 欧盟与中国举行气候对话 · 世界日报 · 2025-07-03 · https://world.example.org/climate-dialogue",
    );
    expect(replies[2]).toBe(
      "未添加 Not added: 只能读到文章的开头（有付费墙？） only a teaser of the article is readable (behind a paywall?)",
    );
  });
});
