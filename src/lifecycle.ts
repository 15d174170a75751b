import type { Logger } from "./core/logger.ts";
import type { LoadedQa } from "./core/qa.ts";
import type { OpsServer } from "./ops/server.ts";

/** Something a mode started that must be stopped on shutdown. */
export interface Service {
  start?(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * How long the process may linger after shutdown before it is made to exit (a library left a handle open, or a
 * reply shutdown gave up on is still waiting for a retry). With the bots' `STOP_BUDGET_MS` of 6 s this stays
 * inside Docker's 10 s between SIGTERM and SIGKILL.
 */
const EXIT_GRACE_MS = 2_000;

/**
 * Start-up and shutdown of one process. The bots stop together, each finishing its answers within the same
 * budget, then the other services in reverse order: the ops port after the bots (their last answers are still
 * counted) and before the index closes.
 */
export function lifecycle(
  logger: Logger,
  qa: LoadedQa | undefined,
  ops: { server: OpsServer } | undefined,
  remembering?: Service,
) {
  const services: Service[] = qa ? [{ stop: () => qa.close() }] : [];
  if (ops) services.push({ stop: () => ops.server.stop() });
  // The console's store after the bots too (their last questions are logged), first of the rest.
  if (remembering) services.push(remembering);
  const bots: Service[] = [];
  let stopping: Promise<void> | undefined;
  const logFailure = (error: unknown) => logger.error({ error: String(error) }, "error while stopping");
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      logger.info({ reason }, "shutting down");
      await Promise.all(bots.map((bot) => bot.stop().catch(logFailure)));
      for (const service of [...services].reverse()) await service.stop().catch(logFailure);
    })();
    return stopping;
  };
  const onSignal = (reason: string) => {
    void shutdown(reason).then(() => {
      setTimeout(() => {
        logger.warn("something was still running after shutdown; exiting anyway");
        process.exit(0);
      }, EXIT_GRACE_MS).unref();
    });
  };
  return {
    services,
    bots,
    shutdown,
    stopping: () => stopping !== undefined,
    /** Shuts down on SIGINT/SIGTERM: once, or as a shard, on every signal and when its parent goes. */
    onSignals(kind: "once" | "shard") {
      if (kind === "once") {
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
      } else {
        services.unshift(shardSignals(onSignal, logger));
      }
    },
    /** Starts the bots in turn; a signal during start-up stops what has started, and the rest need not start. */
    async startBots() {
      for (const bot of bots) {
        if (stopping) return;
        await bot.start?.().catch((error: unknown) => {
          if (!stopping) throw error; // a start cut short by shutdown is no failure
        });
      }
    },
  };
}

/**
 * A shard's signals. It stops only through its parent, which may signal it after the whole process group was
 * signalled (Ctrl-C, systemd): a second signal must not kill it mid-answer, as it would with `once`. When the
 * parent was killed outright nobody will signal it, and its gateway session is orphaned: it stops then too. The
 * service returned closes the IPC channel, last: open, it would keep the process alive after shutdown.
 */
function shardSignals(onSignal: (reason: string) => void, logger: Logger): Service {
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const orphaned = () => onSignal("the shard manager exited");
  process.once("disconnect", orphaned);
  // discord.js tells the parent of gateway events over IPC; after a disconnect that send fails here.
  process.on("error", (error) => logger.debug({ error: String(error) }, "IPC to the shard manager failed"));
  return {
    stop: async () => {
      process.off("disconnect", orphaned);
      if (process.connected) process.disconnect();
    },
  };
}
