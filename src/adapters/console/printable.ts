/**
 * Terminal text that an article or a stored question cannot take over: what the console chat, `npm run ask` and
 * `npm run feedback` print goes through `printable`, and nothing else writes their output.
 */

/** The bold on and off that `formatAnswer` writes itself: they can neither move the cursor nor retitle. */
const OWN_SEQUENCES = ["\x1b[1m", "\x1b[22m"];

/** C0 controls but tab and newline, DEL, and the C1 controls (U+009B is a CSI on its own). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this regex's purpose.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` with every terminal control character shown instead of obeyed: C0 controls (ESC, BEL, carriage return)
 * as their Unicode control pictures (␛, ␇, ␍), DEL as ␡, a C1 control as U+FFFD. So an OSC that would retitle
 * the terminal, or a CSI that would clear it, prints as visible text. Newlines and tabs stay; so do the exact
 * bold sequences of `OWN_SEQUENCES`, which is why this applies at print time, to the whole output.
 */
export function printable(text: string): string {
  let out = "";
  let at = 0;
  while (at < text.length) {
    const own = OWN_SEQUENCES.find((sequence) => text.startsWith(sequence, at));
    if (own) {
      out += own;
      at += own.length;
      continue;
    }
    const next = text.indexOf("\x1b", at + 1);
    const end = next === -1 ? text.length : next;
    out += text.slice(at, end).replace(CONTROL, picture);
    at = end;
  }
  return out;
}

function picture(control: string): string {
  const code = control.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  return "\ufffd";
}
