import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BBC, createFakeQa, SEED_CORPUS } from "../../support/fake-qa.ts";
import { slashCommand } from "./fixtures.ts";
import { editOf, type Harness, startHarness } from "./harness.ts";

/** An article whose link is a percent-encoded Chinese slug: 643 characters, over a link button's 512. */
const LONG_URL = `https://www.rfi.fr/cn/${encodeURIComponent("拜登习近平通话在台湾和高技术出口问题上针锋相对".repeat(3))}`;
const LONG = { ...BBC, url: LONG_URL };

describe("an article link longer than a Discord link button allows", () => {
  let h: Harness;
  beforeAll(async () => {
    const passages = SEED_CORPUS.passages.map((p) => (p.article === BBC ? { ...p, article: LONG } : p));
    h = await startHarness(createFakeQa({ ...SEED_CORPUS, passages }));
  });
  afterAll(async () => {
    await h.close();
  });

  it("still answers: the quote's embed links to the article, without a link button", async () => {
    expect(LONG_URL.length).toBeGreaterThan(512);
    const interaction = slashCommand("ask", { question: "耶伦哪天访华？" });
    h.standIn.dispatch("INTERACTION_CREATE", interaction);
    const edit = await h.standIn.waitFor(editOf(interaction.token));
    expect(edit.status).toBe(200); // the stand-in refuses a button URL over 512 characters, as Discord does
    expect(edit.body.embeds[0].url).toBe(LONG_URL);
    const urls = edit.body.components.flatMap((row: { components: { url?: string }[] }) =>
      row.components.flatMap((button) => button.url ?? []),
    );
    expect(urls).not.toContain(LONG_URL);
  });
});
