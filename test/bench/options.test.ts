import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBenchOptions, QUICK_RESULTS_FILE, RESULTS_FILE } from "../../bench/options.ts";
import { PROJECT_ROOT } from "../../src/config.ts";

describe("the bench's options", () => {
  it("a full run writes the recorded report, bench/RESULTS.md", () => {
    expect(parseBenchOptions([]).out).toBe(path.join(PROJECT_ROOT, "bench", "RESULTS.md"));
    expect(RESULTS_FILE).toBe(path.join(PROJECT_ROOT, "bench", "RESULTS.md"));
  });

  it("a quick run writes outside the tracked files, under .cache", () => {
    const options = parseBenchOptions(["--quick"]);
    expect(options.sizes).toEqual(["seeds", "drcd"]);
    expect(options.out).toBe(QUICK_RESULTS_FILE);
    expect(path.relative(PROJECT_ROOT, options.out)).toBe(path.join(".cache", "bench-quick", "RESULTS.md"));
    // The charts go beside the report: not in bench/, where the recorded ones are.
    expect(path.dirname(options.out)).not.toBe(path.join(PROJECT_ROOT, "bench"));
  });

  it("--out wins over either default", () => {
    expect(parseBenchOptions(["--quick", "--out", "/tmp/q/r.md"]).out).toBe("/tmp/q/r.md");
    expect(parseBenchOptions(["--out", "rel/r.md"]).out).toBe(path.resolve("rel/r.md"));
  });

  it("refuses an unknown size or engine", () => {
    expect(() => parseBenchOptions(["--sizes", "1m"])).toThrow(/unknown size 1m/);
    expect(() => parseBenchOptions(["--engines", "lucene"])).toThrow(/unknown engine lucene/);
  });
});
