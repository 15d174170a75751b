import { describe, expect, it } from "vitest";
import { TermCounts } from "../../../src/core/index/term-counts.ts";

const passage = (words: string[]) => ({ words, bigrams: [] });

describe("TermCounts.vocabularyVersion", () => {
  it("changes when a term comes or goes, not when only how many passages hold it does", () => {
    const counts = new TermCounts();
    const versions = [counts.vocabularyVersion];
    counts.count(passage(["戴利", "强调"]), 1); // two new words
    versions.push(counts.vocabularyVersion);
    counts.count(passage(["戴利"]), 1); // a second passage of a known word
    versions.push(counts.vocabularyVersion);
    counts.count(passage(["戴利"]), -1); // back to one passage: still held
    versions.push(counts.vocabularyVersion);
    counts.count(passage(["戴利", "强调"]), -1); // gone
    versions.push(counts.vocabularyVersion);
    expect(versions[1]).not.toBe(versions[0]);
    expect(versions[2]).toBe(versions[1]);
    expect(versions[3]).toBe(versions[2]);
    expect(versions[4]).not.toBe(versions[3]);
    expect([...counts.terms("words")]).toEqual([]);
  });

  it("does not change when only the bigrams do", () => {
    const counts = new TermCounts();
    const before = counts.vocabularyVersion;
    counts.count({ words: [], bigrams: ["戴利"] }, 1);
    expect(counts.vocabularyVersion).toBe(before);
  });
});
