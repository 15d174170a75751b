import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config.ts";
import { temporaryDirectory } from "../support/seed-qa.ts";

const exec = promisify(execFile);
const TSX = import.meta.resolve("tsx");
let dir: Awaited<ReturnType<typeof temporaryDirectory>>;

beforeAll(async () => {
  dir = await temporaryDirectory();
  await writeFile(path.join(dir.dir, ".env"), "INDEX_SCHEMA=Not-A-Schema\n");
});
afterAll(() => dir.remove());

/** Runs a command-line entry in a directory whose `.env` sets an invalid INDEX_SCHEMA; returns its stderr. */
async function run(entry: string, ...args: string[]): Promise<string> {
  const { INDEX_SCHEMA: _, ...env } = process.env;
  const script = path.join(PROJECT_ROOT, "src/cli", entry);
  try {
    await exec(process.execPath, ["--import", TSX, script, ...args], { cwd: dir.dir, env });
    return "";
  } catch (error) {
    return (error as { stderr: string }).stderr;
  }
}

describe("every command-line entry loads .env", () => {
  it.each([["ask.ts", "问题"], ["eval.ts", path.join(PROJECT_ROOT, "package.json")], ["index-corpus.ts"]])(
    "%s reads INDEX_SCHEMA from .env",
    async (entry, ...args) => {
      expect(await run(entry, ...args)).toContain("INDEX_SCHEMA");
    },
  );
});
