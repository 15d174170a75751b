import { markDifferences, type Verification } from "../../core/features/verify.ts";
import type { AddOutcome } from "../../ingest/ingest.ts";
import type { News } from "../../ingest/news.ts";

/** `title · publisher · date` of an article. */
function headline(article: { title: string; publisher: string | null; date: string | null }): string {
  return [article.title, article.publisher, article.date].filter(Boolean).join(" · ");
}

/** What adding a link came to, as the terminal shows it (the chat's `/add`, `npm run add`). */
export function addedText(outcome: AddOutcome): string {
  if (outcome.added)
    return `Added: ${headline(outcome.article)} — ${outcome.passages} passages (${outcome.article.file})`;
  const already = outcome.already ? `: ${headline(outcome.already)} (${outcome.already.file})` : "";
  return `Not added: ${outcome.reason}${already}`;
}

/** A quote check as the terminal shows it: the verdict, the sentence with each difference as [article → text]. */
export function verificationText(result: Verification): string {
  const { verdict, quote } = result;
  const head = { verbatim: "Verbatim", nearly: "Nearly", none: "Not found in the articles" }[verdict];
  if (!quote) return `${head}.`;
  const marked = markDifferences(
    quote,
    (text) => text,
    (d) => `[${d.article || "∅"} → ${d.quote || "∅"} (${d.kind})]`,
  );
  const source = [quote.article.publisher, quote.article.title, quote.article.date, quote.article.url]
    .filter(Boolean)
    .join(" · ");
  return `${verdict === "none" ? `${head}. The closest sentence:` : `${head}:`}\n「${marked}」\n— ${source}`;
}

/**
 * The console chat's `/add <link>` (the person at the terminal runs the bot: a moderator) and `/verify <text>`;
 * undefined for any other line.
 */
export async function newsReply(
  news: Pick<News, "add" | "verify">,
  line: string,
): Promise<string | undefined> {
  const [command, ...words] = line.split(/\s+/);
  const rest = words.join(" ").trim();
  if (command === "/add") return rest ? addedText(await news.add(rest)) : "Usage: /add https://…";
  if (command === "/verify")
    return rest ? verificationText(await news.verify(rest)) : "Usage: /verify 一句话";
  return undefined;
}
