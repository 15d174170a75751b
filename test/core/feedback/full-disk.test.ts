/**
 * Votes on a full disk: the vote is reported as not recorded, no partial line is left, and once space is freed
 * the next vote is stored whole and read back. ENOSPC comes from the real `/dev/full` device; the partial write
 * a full disk makes comes from a tiny tmpfs where the test may mount one (as root), else from the one write the
 * store makes, cut short with ENOSPC after half its bytes.
 */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppendText, createFeedbackStore, readFeedback } from "../../../src/core/feedback/store.ts";
import { fakeVote } from "../../support/fake-parts.ts";
import { memoryLogger, temporaryDirectory } from "../../support/seed-qa.ts";

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ dir, remove } = await temporaryDirectory());
});
afterEach(() => remove());

/** An error as a full disk raises it. */
const noSpace = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });

describe("a vote on a full disk", () => {
  it("is reported as not recorded when the device has no space (/dev/full), and logged", async () => {
    const memory = memoryLogger();
    const store = createFeedbackStore({ file: "/dev/full", salt: "s", logger: memory.logger });
    expect(await store.record(fakeVote())).toBe("failed");
    expect(memory.lines().map((line) => line.msg)).toContain("could not record feedback");
  });

  it("leaves no partial line when a write is cut short, and the next vote after space is freed is whole", async () => {
    const file = path.join(dir, "feedback.jsonl");
    let full = false;
    // A full disk takes the bytes that fit, then refuses the rest.
    const appendText: AppendText = async (handle, text) => {
      if (!full) return handle.appendFile(text, "utf8");
      await handle.appendFile(text.slice(0, text.length >> 1), "utf8");
      throw noSpace();
    };
    const store = createFeedbackStore({ file, salt: "s", logger: memoryLogger().logger, appendText });
    expect(await store.record(fakeVote({ userId: "1" }))).toBe("recorded");
    const before = await readFile(file, "utf8");
    full = true;
    expect(await store.record(fakeVote({ userId: "2" }))).toBe("failed");
    expect(await readFile(file, "utf8")).toBe(before);
    full = false; // space freed
    expect(await store.record(fakeVote({ userId: "3" }))).toBe("recorded");
    expect((await readFile(file, "utf8")).split("\n")).toHaveLength(3); // two rows and the final newline
    expect(await readFeedback(file)).toHaveLength(2);
  });

  it("starts the next row on a new line after a row a crash cut short", async () => {
    const file = path.join(dir, "feedback.jsonl");
    await writeFile(file, '{"time":"2025-01-01T00:00:00.000Z","platform":"telegram","us');
    const store = createFeedbackStore({ file, salt: "s", logger: memoryLogger().logger });
    expect(await store.record(fakeVote())).toBe("recorded");
    expect(await readFeedback(file)).toEqual([expect.objectContaining({ vote: "down" })]);
  });
});

/** A fresh tmpfs of `size` mounted at `at`, or undefined where this process may not mount one (not root). */
function mountTmpfs(at: string, size: string): (() => void) | undefined {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", at], { stdio: "ignore" });
    return () => execFileSync("umount", [at], { stdio: "ignore" });
  } catch {
    return undefined;
  }
}

describe("a vote on a real full filesystem (a tiny tmpfs; needs root)", () => {
  it("is not recorded, leaves the file as it was, and the next vote after space is freed is read back", async (context) => {
    const mount = path.join(dir, "tiny");
    await mkdir(mount);
    const unmount = mountTmpfs(mount, "64k");
    if (!unmount) return context.skip();
    try {
      const file = path.join(mount, "feedback.jsonl");
      const store = createFeedbackStore({ file, salt: "s", logger: memoryLogger().logger });
      expect(await store.record(fakeVote({ userId: "1" }))).toBe("recorded");
      // Fill every free page but leave the feedback file's own last page part empty: the next row half fits.
      const filler = path.join(mount, "filler");
      await writeFile(filler, "");
      for (let chunk = 4096; chunk >= 1; chunk >>= 1) {
        try {
          for (;;) await writeFile(filler, Buffer.alloc(chunk), { flag: "a" });
        } catch {}
      }
      const before = await readFile(file, "utf8");
      const long = fakeVote({ userId: "2", question: "耶".repeat(3000) }); // longer than the page's free room
      expect(await store.record(long)).toBe("failed");
      expect(await readFile(file, "utf8")).toBe(before);
      await rm(filler); // space freed
      expect(await store.record(fakeVote({ userId: "3" }))).toBe("recorded");
      expect((await readFeedback(file)).map((row) => row.question)).toEqual([
        "耶伦哪天访华？",
        "耶伦哪天访华？",
      ]);
    } finally {
      unmount();
    }
  });
});
