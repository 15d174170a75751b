import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/core/errors.ts";
import { defaultSearchSettings, loadSearchSettings } from "../../src/core/settings.ts";
import { CONFIG_DIR } from "../support/seed-qa.ts";

describe("loadSearchSettings", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const configWith = (json: string) => {
    dir = mkdtempSync(path.join(tmpdir(), "citebot-settings-"));
    writeFileSync(path.join(dir, "search.json"), json);
    return dir;
  };

  it("ships config/search.json with every setting at its default and nothing else, so it cannot drift from the schema", () => {
    const { $comment, ...shipped } = JSON.parse(readFileSync(path.join(CONFIG_DIR, "search.json"), "utf8"));
    expect($comment).toEqual(expect.any(String));
    expect(shipped).toStrictEqual(defaultSearchSettings());
  });

  it("takes the default for any setting the file leaves out", () => {
    const settings = loadSearchSettings(configWith('{ "candidates": 30 }'));
    expect(settings).toEqual({ ...defaultSearchSettings(), candidates: 30 });
  });

  it("takes the default for any field a group of settings leaves out", () => {
    const settings = loadSearchSettings(
      configWith('{ "bm25": { "k": 1.5 }, "weights": { "title": 0 }, "semantic": {} }'),
    );
    const defaults = defaultSearchSettings();
    expect(settings.bm25).toEqual({ ...defaults.bm25, k: 1.5 });
    expect(settings.weights).toEqual({ ...defaults.weights, title: 0 });
    expect(settings.semantic).toEqual(defaults.semantic);
  });

  it("names the file and the setting that is wrong", () => {
    const configDir = configWith('{ "minConfidence": 2 }');
    expect(() => loadSearchSettings(configDir)).toThrow(ConfigError);
    expect(() => loadSearchSettings(configDir)).toThrow(/search\.json: minConfidence: /);
  });

  it("names the file when it is not JSON", () => {
    expect(() => loadSearchSettings(configWith("{ candidates: 30"))).toThrow(
      /search\.json: cannot read it as JSON/,
    );
  });
});
