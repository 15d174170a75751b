import { describe, expect, it } from "vitest";
import {
  ALSO_REPORTED_BY,
  embedLength,
  quoteEmbed,
  quoteEmbeds,
  sourcesEmbed,
} from "../../../src/adapters/discord/embeds.ts";
import { EMBED_LIMITS, safeUrl } from "../../../src/adapters/discord/format.ts";
import type { ArticleInfo, Quote } from "../../../src/core/types.ts";
import { fakeLocation } from "../../support/fake-parts.ts";
import { BBC, RFI, XINHUA } from "../../support/fake-qa.ts";

function quote(text: string, article: ArticleInfo = BBC, alsoReportedBy: ArticleInfo[] = []): Quote {
  return { text, highlights: [], score: 1, article, alsoReportedBy, ...fakeLocation(article, text) };
}

describe("quoteEmbed", () => {
  it("shows the title once, linked, and publisher · date in the footer", () => {
    expect(quoteEmbed(quote("耶伦将访华。"))).toEqual({
      title: BBC.title,
      url: BBC.url,
      description: "耶伦将访华。",
      footer: { text: "BBC中文 · 2024-04-03" },
    });
  });

  it("numbers the quote as the answer does and marks a weak one in the footer", () => {
    const embed = quoteEmbed({ ...quote("耶伦将访华。"), number: 4, weak: true }, undefined, "en");
    expect(embed.title).toBe(`4. ${BBC.title}`);
    expect(embed.footer).toEqual({ text: "BBC中文 · 2024-04-03 · weak match" });
  });

  it("heads an untitled article with publisher · date, not its first sentence, and repeats nothing", () => {
    const untitled = {
      ...XINHUA,
      title: "5月15日上午，国家主席习近平在中南海",
      untitled: true,
      date: "2025-05-15",
    };
    const embed = quoteEmbed(quote("会晤。", untitled));
    expect(embed.title).toBe("新华社 · 2025-05-15");
    expect(embed.footer).toBeUndefined();
    const nameless = quoteEmbed(quote("会晤。", { ...untitled, publisher: null }), undefined, "zh-Hans");
    expect(nameless.title).toBe("来源未注明 · 2025-05-15");
  });

  it("has no link when the article has none", () => {
    expect(quoteEmbed(quote("会晤。", XINHUA)).url).toBeUndefined();
  });

  it("lists the other outlets that carry the same fact, linked", () => {
    const embed = quoteEmbed(quote("耶伦将访华。", BBC, [RFI, XINHUA]));
    expect(embed.fields).toEqual([
      {
        name: ALSO_REPORTED_BY,
        value: `• [RFI · ${RFI.title} · 2024-04-02](${safeUrl(RFI.url)})\n• 新华社 · ${XINHUA.title}`,
      },
    ]);
  });

  it("keeps the also-reported list within a field's 1,024 characters", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...RFI, title: `${RFI.title} ${i}` }));
    const value = quoteEmbed(quote("耶伦将访华。", BBC, many)).fields?.[0]?.value ?? "";
    expect(value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    expect(value).toMatch(/\n等 \d+ 篇 and \d+ more$/);
  });
  it("names the list in the user's language, when known", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...RFI, title: `${RFI.title} ${i}` }));
    const [field] = quoteEmbed(quote("耶伦将访华。", BBC, many), EMBED_LIMITS.description, "en").fields ?? [];
    expect(field?.name).toBe("Also reported by");
    expect(field?.value).toMatch(/\nand \d+ more$/);
    const [zh] =
      quoteEmbed(quote("耶伦将访华。", BBC, [RFI]), EMBED_LIMITS.description, "zh-Hant").fields ?? [];
    expect(zh?.name).toBe("也見於");
  });
});

describe("quoteEmbeds", () => {
  it("keeps a message within 6,000 characters, cutting the quote that crosses the limit", () => {
    const long = quote("耶".repeat(3000));
    const embeds = quoteEmbeds([long, long, long]);
    expect(embeds).toHaveLength(2);
    expect(embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(
      EMBED_LIMITS.total,
    );
    expect(embeds[0]?.description).toHaveLength(3000);
    expect(embeds[1]?.description?.endsWith("…")).toBe(true);
  });

  it("keeps every description within 4,096 characters", () => {
    const [embed] = quoteEmbeds([quote("*".repeat(4000))]);
    expect(embed?.description?.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
  });

  it("shows at most 10 embeds", () => {
    expect(quoteEmbeds(Array.from({ length: 12 }, () => quote("短。")))).toHaveLength(10);
  });
});

describe("sourcesEmbed", () => {
  it("numbers the articles, links their titles and adds publisher and date", () => {
    expect(sourcesEmbed([BBC, XINHUA]).description).toBe(
      `1. [${BBC.title}](${BBC.url}) — BBC中文 · 2024-04-03\n2. ${XINHUA.title} — 新华社`,
    );
  });

  it("says how many articles did not fit", () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...BBC, title: `${BBC.title} ${i}` }));
    const description = sourcesEmbed(many).description ?? "";
    expect(description.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
    expect(description).toMatch(/\n等 \d+ 篇 and \d+ more$/);
  });
});
