import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedQa } from "../../support/seed-qa.ts";
import { type Harness, startHarness } from "./harness.ts";
import { privateChat, textMessage, user } from "./updates.ts";

// Filters typed in a question, answered by the real core over the seed articles.
describe("filters typed in a Telegram question", () => {
  let h: Harness;
  let closeQa: () => Promise<void>;
  beforeAll(async () => {
    const seeded = await seedQa();
    closeQa = seeded.close;
    h = await startHarness({ qa: seeded.qa });
  });
  afterAll(async () => {
    await h.close();
    await closeQa();
  });

  const answer = async (id: number, text: string) =>
    (await h.replyTo(h.send(textMessage(privateChat(id), user(id), text)))).payload.text ?? "";

  it("refuses an unreadable date instead of searching it (and bolding 13 or 以来)", async () => {
    const reply = await answer(501, "习近平 since:2025-13");
    expect(reply).toContain("2025-13");
    expect(reply).toMatch(/看不懂日期|Cannot read the date/);
    expect(reply).not.toContain("<b>");
    expect(await answer(502, "特朗普 until:yesterday")).toMatch(/看不懂日期“yesterday”|"yesterday"/);
  });

  it("lists an outlet's articles, newest first, when the question is only the filter", async () => {
    const reply = await answer(503, "source:BBC");
    expect(reply).toMatch(/筛选：BBC中文|Filter: BBC中文/);
    expect(reply).toContain("习近平拜登：再次“会谈”，中美之间的分歧减少了吗");
    expect(reply).not.toMatch(/文章没有谈到|Not covered|新华社/);
  });

  it("says when a filter leaves no article, naming the filter", async () => {
    expect(await answer(504, "特朗普访华 since:2030")).toMatch(
      /没有符合筛选条件的文章（筛选：起 2030-01-01）/,
    );
  });
});
