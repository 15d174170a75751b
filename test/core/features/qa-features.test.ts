import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFeedback } from "../../../src/core/feedback/store.ts";
import type { Qa } from "../../../src/core/types.ts";
import { SEEDS_DIR, seedQa, temporaryDirectory } from "../../support/seed-qa.ts";

let qa: Qa;
let cacheDir: string;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ qa, cacheDir, close } = await seedQa());
});
afterAll(() => close());

describe("ask with a filter", () => {
  it("quotes only the publisher asked for, and says so", async () => {
    const answer = await qa.ask("source:BBC 拜登和习近平通话谈了什么？");
    expect(answer.question).toBe("拜登和习近平通话谈了什么？");
    expect(answer.filter).toEqual({ publishers: ["BBC中文"] });
    expect(answer.quotes.length).toBeGreaterThan(0);
    expect(answer.quotes.every((q) => q.article.publisher === "BBC中文")).toBe(true);
  });

  it("keeps to the dates, from the question or from the options", async () => {
    const inline = await qa.ask("since:2025-06 until:2025 习近平和特朗普会晤");
    expect(inline.filter).toEqual({ since: "2025-06-01", until: "2025-12-31" });
    expect(inline.quotes.every((q) => (q.article.date ?? "") >= "2025-06-01")).toBe(true);
    const options = await qa.ask("习近平和特朗普会晤", { filter: { until: "2024" } });
    expect(options.quotes.map((q) => q.article.date)).toEqual(
      options.quotes.map(() => expect.stringMatching(/^2024-/)),
    );
  });

  it("answers an unknown publisher with the list of known ones, and no quotes", async () => {
    const answer = await qa.ask("来源:CNN 拜登");
    expect(answer.quotes).toEqual([]);
    expect(answer.filterProblem).toEqual({
      kind: "unknownSource",
      asked: "CNN",
      known: ["BBC中文", "大纪元", "新华社", "法广 RFI"],
    });
  });
});

describe("context", () => {
  it("shows the paragraph around a quote, verbatim, with the quote marked, and the source", async () => {
    const quote = (await qa.ask("耶伦哪天访华？")).quotes[0];
    const context = quote && (await qa.context(quote.ref));
    expect(context?.article.publisher).toBe("BBC中文");
    const marked = context?.paragraphs.find((p) => p.marks.length > 0);
    const [start, end] = marked?.marks[0] ?? [0, 0];
    expect(marked?.text.slice(start, end)).toBe(quote?.text);
    expect(context?.paragraphs.length).toBeGreaterThan(1);
    expect(context?.paragraphs.reduce((sum, p) => sum + p.text.length, 0)).toBeLessThanOrEqual(1000);
  });

  it("keeps working after a restart, and stops once the quoted words change", async () => {
    const corpus = await temporaryDirectory();
    await cp(SEEDS_DIR, corpus.dir, { recursive: true });
    const first = await seedQa({ corpusDir: corpus.dir });
    const quote = (await first.qa.ask("耶伦哪天访华？")).quotes[0];
    await first.close();
    const second = await seedQa({ corpusDir: corpus.dir });
    const ref = quote?.ref ?? "";
    expect((await second.qa.context(ref))?.article.file).toBe(quote?.article.file);
    const file = path.join(corpus.dir, quote?.article.file ?? "");
    await writeFile(file, (await readFile(file, "utf8")).replace("耶伦将访华", "耶伦将访问北京"));
    expect(await second.qa.context(ref)).toBeUndefined();
    await second.close();
    await corpus.remove();
  });

  it("has nothing for a ref it did not make", async () => {
    expect(await qa.context("01234567abcdef.0.0.5")).toBeUndefined();
    expect(await qa.context("not a ref")).toBeUndefined();
  });
});

describe("compare", () => {
  it("gives each publisher's best quote and names those that did not cover it", async () => {
    const comparison = await qa.compare("耶伦访华");
    const covered = comparison.sides.filter((s) => s.quote);
    const missing = comparison.sides.filter((s) => !s.quote).map((s) => s.publisher);
    expect(covered.map((s) => s.publisher)).toContain("BBC中文");
    expect(covered.every((s) => s.quote?.article.publisher === s.publisher)).toBe(true);
    expect(missing.length).toBeGreaterThan(0);
    expect(comparison.sides).toHaveLength(5); // four publishers and the article that names none
  });
});

describe("timeline", () => {
  it("lists dated calls, meetings and visits, newest first, one line per event", async () => {
    const timeline = await qa.timeline("", { limit: 50 });
    const dates = timeline.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const lines = timeline.events.map((e) => `${e.date} ${e.kind}`);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines).toEqual(
      expect.arrayContaining([
        "2026-05-15 meeting",
        "2025-10-30 meeting",
        "2025-06-05 call",
        "2024-04-02 call",
      ]),
    );
  });

  it("reports one event from two outlets once, with the other as also reported by", async () => {
    const { events } = await qa.timeline("", { limit: 50 });
    const call = events.find((e) => e.date === "2024-04-02" && e.kind === "call");
    expect(call?.quote.text).toContain("周二");
    const outlets = [
      call?.quote.article.publisher,
      ...(call?.quote.alsoReportedBy ?? []).map((a) => a.publisher),
    ];
    expect(outlets.sort()).toEqual(["BBC中文", "法广 RFI"]);
  });

  it("pages, and narrows to events that name a topic", async () => {
    const page = await qa.timeline("", { limit: 2, offset: 2 });
    expect(page.events).toHaveLength(2);
    expect(page.hasMore).toBe(true);
    const biden = await qa.timeline("拜登");
    expect(biden.events.length).toBeGreaterThan(0);
    // In the event's article or paragraph: BBC's 旧金山会面 sentence stands under 习近平拜登：… without the name.
    expect(biden.events.every((e) => `${e.quote.article.title}${e.quote.text}`.includes("拜登"))).toBe(true);
  });
});

describe("vote", () => {
  it("records the quotes shown as file and offsets, which survive closing", async () => {
    const answer = await qa.ask("耶伦哪天访华？");
    qa.vote({
      platform: "console",
      userId: "me",
      vote: "down",
      question: answer.question,
      refs: answer.quotes.map((q) => q.ref),
    });
    await qa.close();
    const rows = await readFeedback(path.join(cacheDir, "feedback.jsonl"));
    expect(rows[0]?.quotes).toEqual(answer.quotes.map((q) => q.at));
  });
});
