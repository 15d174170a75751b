import { describe, expect, it } from "vitest";
import { publishersOf, scope } from "../../../src/core/answer/scope.ts";
import { readQuestion } from "../../../src/core/question/parse.ts";
import type { ArticleInfo } from "../../../src/core/types.ts";

const article = (file: string, publisher: string | null, date: string | null): ArticleInfo => ({
  file,
  title: file,
  publisher,
  date,
  url: null,
  author: null,
});
const known = [article("a.txt", "BBC中文", "2025-10-31"), article("b.txt", "法广", null)];
let reads = 0;
const articles = async () => {
  reads += 1;
  return known;
};

describe("scope", () => {
  it("reads no articles for a question without filter or date", async () => {
    reads = 0;
    expect(await scope(articles, readQuestion("特朗普访华"))).toEqual({ dated: false });
    expect(reads).toBe(0);
  });

  it("accepts only the files the filter leaves, the door's request winning over the question's", async () => {
    const scoped = await scope(articles, readQuestion("访华 source:法广"), { source: "bbc" });
    expect(scoped.filter).toEqual({ publishers: ["BBC中文"] });
    expect(scoped.accept?.("a.txt")).toBe(true);
    expect(scoped.accept?.("b.txt")).toBe(false);
    expect(scoped.abstained).toBeUndefined();
  });

  it("abstains when the filter cannot be applied or leaves no article", async () => {
    const unknown = await scope(articles, readQuestion("访华 source:CNN"));
    expect(unknown).toMatchObject({
      abstained: "filter-matched-nothing",
      filterProblem: { kind: "unknownSource" },
    });
    const none = await scope(articles, readQuestion("访华 since:2030"));
    expect(none).toMatchObject({ abstained: "filter-matched-nothing", filter: { since: "2030-01-01" } });
  });

  it("says whether the articles in scope carry dates, for a question that names one", async () => {
    const dated = { ...readQuestion("去年访华"), date: {} };
    expect((await scope(articles, dated)).dated).toBe(true);
    expect((await scope(articles, dated, { source: "法广" })).dated).toBe(false);
  });
});

describe("publishersOf", () => {
  it("lists each publisher once, sorted, leaving out articles without one", () => {
    expect(publishersOf([...known, article("c.txt", null, null), article("d.txt", "BBC中文", null)])).toEqual(
      ["BBC中文", "法广"],
    );
  });
});
