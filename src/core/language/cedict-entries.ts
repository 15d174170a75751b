/** One CC-CEDICT entry as the name parsers read it: its Simplified headword, its pinyin, and its first gloss. */
export interface CedictEntry {
  headword: string;
  /** As CEDICT writes it: `Li3 Cheng2`, capitalised for proper names. */
  pinyin: string;
  gloss: string;
}

/** The entries of CC-CEDICT's text (`Traditional Simplified [pin1 yin1] /gloss/…/`), comment lines left out. */
export function* cedictEntries(text: string): Generator<CedictEntry> {
  for (const line of text.split("\n")) {
    const match = /^\S+ (\S+) \[([^\]]*)\] \/([^/]*)\//.exec(line);
    if (match) yield { headword: match[1] ?? "", pinyin: match[2] ?? "", gloss: match[3] ?? "" };
  }
}
