import type { CommandInteraction, RESTPostAPIApplicationCommandsJSONBody } from "discord.js";
import type { Logger } from "../../../core/logger.ts";
import type { Qa } from "../../../core/types.ts";
import type { News } from "../../../ingest/news.ts";
import type { QuestionLimit } from "../../shared/question-limit.ts";
import add from "./add.ts";
import announce from "./announce.ts";
import ask from "./ask.ts";
import askMessage from "./ask-message.ts";
import compare from "./compare.ts";
import follow from "./follow.ts";
import following from "./following.ts";
import help from "./help.ts";
import sources from "./sources.ts";
import timeline from "./timeline.ts";
import unfollow from "./unfollow.ts";
import verify from "./verify.ts";
import verifyMessage from "./verify-message.ts";

/** What every command may use. Passed in, not imported, so that tests can give their own. */
export interface CommandContext {
  qa: Qa;
  logger: Logger;
  /** Questions per minute per user: `/ask`, `/compare`, `/timeline`, the message menu, votes, mentions (not paging). */
  limit: QuestionLimit;
  /** `/add`, `/announce`, `/follow`, `/verify`; the commands say nothing without it. */
  news?: News | undefined;
}

/**
 * One application command, as in discord.js's TypeScript template: its definition as Discord receives it, and
 * what it does when used. Each command narrows the interaction type it handles.
 */
export interface Command {
  data: RESTPostAPIApplicationCommandsJSONBody;
  execute(interaction: CommandInteraction, context: CommandContext): Promise<void>;
}

/** Every command the bot has: what `deploy:discord` registers and what the bot answers. */
export const commands: readonly Command[] = [
  ask,
  compare,
  timeline,
  sources,
  help,
  askMessage,
  ...[add, announce, follow, unfollow, following, verify, verifyMessage],
];
