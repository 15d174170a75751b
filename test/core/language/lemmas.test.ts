import { describe, expect, it } from "vitest";
import { lemmas } from "../../../src/core/language/lemmas.ts";

describe("lemmas", () => {
  it("undoes irregular forms that suffix rules cannot", () => {
    expect(lemmas("won")).toContain("win");
    expect(lemmas("held")).toContain("hold");
    expect(lemmas("oldest")).toContain("old");
    expect(lemmas("children")).toContain("child");
  });

  it("leaves out the word itself, so a dictionary form has none", () => {
    expect(lemmas("discovered")).toEqual(["discover"]);
    expect(lemmas("win")).toEqual([]);
  });
});
