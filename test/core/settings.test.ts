import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

  it("ships config/search.json with exactly the defaults, so the file shows what a user gets", () => {
    expect(loadSearchSettings(CONFIG_DIR)).toEqual(defaultSearchSettings());
  });

  it("takes the default for any setting the file leaves out", () => {
    const settings = loadSearchSettings(configWith('{ "candidates": 30 }'));
    expect(settings).toEqual({ ...defaultSearchSettings(), candidates: 30 });
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
