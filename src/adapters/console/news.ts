import { markDifferences, type Verification } from "../../core/features/verify.ts";
import { headline, phrases } from "../../core/messages.ts";
import { addedParts, verdictParts } from "../../core/news-phrases.ts";
import { type Language, say } from "../../core/reply-language.ts";
import type { AddOutcome } from "../../ingest/ingest.ts";
import type { News } from "../../ingest/news.ts";

const { news: said } = phrases;

/**
 * What adding a link came to, as the terminal shows it: in `language` (`npm run add` says English), or in both
 * (the console chat, whose user's language is not known).
 */
export function addedText(outcome: AddOutcome, language?: Language): string {
  const { lead, passages } = addedParts(outcome, language);
  if (outcome.added) return `${lead}${headline(outcome.article)} — ${passages} (${outcome.article.file})`;
  return outcome.already ? `${lead}: ${headline(outcome.already)} (${outcome.already.file})` : lead;
}

/**
 * A quote check as the terminal shows it: the verdict, the sentence with each difference as
 * [article → text (kind)], and its source.
 */
export function verificationText(result: Verification, language?: Language): string {
  const { lead, difference } = verdictParts(result, language);
  const { quote } = result;
  if (!quote) return lead;
  const marked = markDifferences(
    quote,
    (text) => text,
    (d) => `[${d.article || "∅"} → ${d.quote || "∅"} (${difference(d.kind)})]`,
  );
  const source = [headline(quote.article), quote.article.url].filter(Boolean).join(" · ");
  return `${lead}\n「${marked}」\n— ${source}`;
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
  if (command === "/add") return rest ? addedText(await news.add(rest)) : say(said.usage.add);
  if (command === "/verify") return rest ? verificationText(await news.verify(rest)) : say(said.usage.verify);
  return undefined;
}
