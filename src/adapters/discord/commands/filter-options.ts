import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  MessageFlags,
} from "discord.js";
import { filterProblemPhrase, phrases } from "../../../core/messages.ts";
import { parseDate, suggestPublishers } from "../../../core/question/filters.ts";
import { languageOf, say } from "../../../core/reply-language.ts";
import { truncate } from "../../../core/text/truncate.ts";
import type { Qa } from "../../../core/types.ts";
import { settlesWithin } from "../../shared/deadlines.ts";
import { textMessage } from "../answer-message.ts";
import { describedAs } from "./localize.ts";

/** Discord's most autocomplete choices, and the longest name or value of one. */
const MAX_CHOICES = 25;
const CHOICE_LENGTH = 100;
/** Discord drops an autocomplete answered after 3 s; past this, an empty list goes instead of none. */
const AUTOCOMPLETE_DEADLINE_MS = 2_000;

/** `source` (autocompleted from the indexed publishers), `since` and `until`: the filters of `/ask` and co. */
export const filterOptions: APIApplicationCommandBasicOption[] = [
  {
    type: ApplicationCommandOptionType.String,
    name: "source",
    ...describedAs(phrases.askOptions.source),
    autocomplete: true,
    max_length: CHOICE_LENGTH,
  },
  ...(["since", "until"] as const).map(
    (name): APIApplicationCommandBasicOption => ({
      type: ApplicationCommandOptionType.String,
      name,
      ...describedAs(phrases.askOptions[name]),
      max_length: 20,
    }),
  ),
];

/** Characters that end a filter's value in a question: such a value goes in quotes. */
const ENDS_VALUE = /[\s，。？！?!,;；]/u;

/**
 * The question with the filter options written into it the way the core reads them from any question
 * (`… source:BBC中文 since:2025-01-01`), so that "More" and 👍/👎, which carry only the question, keep the filter.
 * A date the core's parsing cannot read is answered privately, and undefined returned.
 */
export async function questionWithFilter(
  interaction: ChatInputCommandInteraction,
  question: string,
): Promise<string | undefined> {
  const asked = withFilterOptions(interaction, question);
  if (!("badDate" in asked)) return asked.question;
  const problem = filterProblemPhrase({ kind: "badDate", asked: asked.badDate });
  const text = say(problem, languageOf(interaction.locale));
  await interaction.reply({ ...textMessage(text), flags: MessageFlags.Ephemeral });
  return undefined;
}

function withFilterOptions(
  interaction: ChatInputCommandInteraction,
  question: string,
): { question: string } | { badDate: string } {
  const parts = [question];
  const source = interaction.options.getString("source")?.replaceAll('"', "").trim();
  if (source) parts.push(`source:${ENDS_VALUE.test(source) ? `"${source}"` : source}`);
  for (const name of ["since", "until"] as const) {
    const asked = interaction.options.getString(name)?.trim();
    if (!asked) continue;
    const date = parseDate(asked, name === "since" ? "start" : "end");
    if (date === undefined) return { badDate: asked };
    parts.push(`${name}:${date}`);
  }
  return { question: parts.join(" ").trim() };
}

/**
 * Answers the `source` option's autocomplete: the indexed publishers whose name holds what the user typed, in
 * either script, at most 25. Never counts against the question limit: it is typing, not asking.
 */
export async function suggestSources(interaction: AutocompleteInteraction, qa: Qa): Promise<void> {
  const focused = interaction.options.getFocused(true);
  let publishers: string[] = [];
  if (focused.name === "source") {
    const loading = qa.publishers().then(
      (names) => {
        publishers = names;
      },
      () => undefined, // no suggestions is better than a failed autocomplete
    );
    await settlesWithin(loading, AUTOCOMPLETE_DEADLINE_MS);
  }
  const names = suggestPublishers(String(focused.value), publishers, MAX_CHOICES);
  await interaction.respond(names.map((name) => ({ name: truncate(name, CHOICE_LENGTH), value: name })));
}
