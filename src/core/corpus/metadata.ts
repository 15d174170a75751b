/**
 * Facts about an article that its text states in passing: the dateline, the sign-off, the update line.
 * Each function looks at raw blocks (before boilerplate is dropped, since that is where these facts are).
 */

/** `【大纪元2025年06月05日讯】（大纪元记者林燕报导）` at the start of the first paragraph. */
const DATELINE =
  /^【(\S+?)(\d{4})年(\d{1,2})月(\d{1,2})日讯】(?:（(?:\S+?记者)?(\S{2,4}?)(?:报导|报道|報導|報道)）)?/;

/** A news agency's sign-off or dateline: 据新华社电, （新华社北京5月15日电）. */
const AGENCY = /^(?:据|據)?(新华社|新華社|中新社|路透社|法新社|美联社|美聯社)(?:\S{0,12})?电$/;

/** An ISO date from the ways articles write one; undefined when none is found. */
export function findDate(blocks: readonly string[]): string | undefined {
  for (const block of blocks) {
    const iso = /(?:^|\s)(\d{4})-(\d{2})-(\d{2})(?:\s|$)/.exec(block);
    if (iso && /^(更新|发布|發布|date)/.test(block.trim())) return `${iso[1]}-${iso[2]}-${iso[3]}`;
    const dateline = DATELINE.exec(block);
    if (dateline) return isoDate(dateline[2], dateline[3], dateline[4]);
    const european = /^(\d{2})\/(\d{2})\/(\d{4})\s*-\s*\d{1,2}:\d{2}$/.exec(block.trim()); // RFI: 02/04/2024 - 22:34
    if (european) return isoDate(european[3], european[2], european[1]);
  }
  return undefined;
}

/** The publisher named by a dateline or an agency sign-off. */
export function findPublisher(blocks: readonly string[]): string | undefined {
  for (const block of blocks) {
    const dateline = DATELINE.exec(block);
    if (dateline) return dateline[1];
    const agency = AGENCY.exec(block.trim());
    if (agency) return agency[1];
  }
  return undefined;
}

/** The reporter named by a dateline (（大纪元记者林燕报导）) or a byline (陈岩 BBC中文记者). */
export function findAuthor(blocks: readonly string[]): string | undefined {
  for (const block of blocks) {
    const dateline = DATELINE.exec(block);
    if (dateline?.[5]) return dateline[5];
    const byline = /^(\S{2,4})\s+\S*(记者|記者|特约撰稿人|撰稿)$/.exec(block.trim());
    if (byline) return byline[1];
  }
  return undefined;
}

/** The first paragraph without its dateline, so that quotes start with the news, not the wire header. */
export function withoutDateline(block: string): string {
  return block.replace(DATELINE, "").trim();
}

/** True for an agency sign-off line such as 据新华社电: a source, not a sentence to quote. */
export function isSignOff(block: string): boolean {
  return AGENCY.test(block.trim());
}

/** `YYYY-MM-DD` from an epoch-milliseconds comment such as `<!--1712090701000-->`. */
export function dateFromEpoch(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

function isoDate(year = "", month = "", day = ""): string {
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}
