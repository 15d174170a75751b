import { describe, expect, it } from "vitest";
import { printable } from "../../../src/adapters/console/printable.ts";

describe("printable", () => {
  it("shows ESC, BEL, CR and DEL as control pictures, and a C1 control as U+FFFD", () => {
    expect(printable("a\x1b]0;pwned\x07b\x1b[2J\rc\x7fd\x9b31me")).toBe("a␛]0;pwned␇b␛[2J␍c␡d\ufffd31me");
  });

  it("keeps newlines, tabs and text, and the bold on and off the formatter writes", () => {
    expect(printable("「\x1b[1m耶伦\x1b[22m」\n\t— BBC")).toBe("「\x1b[1m耶伦\x1b[22m」\n\t— BBC");
  });

  it("keeps no other sequence that starts like bold", () => {
    expect(printable("\x1b[1;31m\x1b[1m")).toBe("␛[1;31m\x1b[1m");
  });
});
