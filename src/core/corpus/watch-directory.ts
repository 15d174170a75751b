import { type FSWatcher, type Stats, statSync, watch } from "node:fs";
import { stat } from "node:fs/promises";
import type { Logger } from "../logger.ts";

/** What `watchDirectory` needs. */
export interface WatchOptions {
  dir: string;
  logger: Logger;
  /**
   * Called after the directory's contents may have changed: a burst of events (once, after `delayMs` of quiet),
   * every re-scan, and when the directory came back or was replaced. `rescan` tells the periodic call.
   */
  onChange(rescan: boolean): void;
  /** Quiet time after an event before `onChange`. Default 300 ms. */
  delayMs?: number;
  /** How often the directory is looked at whatever the events say. Default 10 s. */
  rescanMs?: number;
}

/** A directory being watched. */
export interface DirectoryWatch {
  close(): void;
}

const DEFAULT_DELAY_MS = 300;
const DEFAULT_RESCAN_MS = 10_000;

/**
 * Watches a directory for changes and keeps watching when it is replaced (moved away and created anew, as deploy
 * tools do), removed for a while, or the watch itself fails: an `fs.watch` follows the directory it started on,
 * so it would go silent. Every event and every `rescanMs` it checks which directory the path now names and
 * re-arms the watch if it changed; the periodic `onChange` also catches what events missed. Each of these is
 * logged once when it happens.
 */
export function watchDirectory(options: WatchOptions): DirectoryWatch {
  const { dir, logger, onChange } = options;
  const rescanMs = options.rescanMs ?? DEFAULT_RESCAN_MS;
  let watcher: FSWatcher | undefined;
  let watching: string | undefined; // the directory the watch is on, as device:inode
  let missing = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const disarm = () => {
    watcher?.close();
    watcher = undefined;
  };
  const arm = (identity: string) => {
    disarm();
    watching = identity;
    try {
      watcher = watch(dir, { recursive: true }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => void check(false), options.delayMs ?? DEFAULT_DELAY_MS);
      });
    } catch (error) {
      logger.warn(
        { dir, error: String(error), rescanMs },
        "cannot watch the article directory; re-scanning only",
      );
      return;
    }
    watcher.on("error", (error) => {
      logger.warn({ dir, error: String(error) }, "lost the watch on the article directory; re-arming it");
      disarm();
      watching = undefined;
    });
  };

  /** Re-arms if the path now names another directory; then reports a possible change (none while it is gone). */
  const check = async (rescan: boolean) => {
    const identity = await stat(dir).then(identityOf, () => undefined);
    if (closed) return;
    if (identity === undefined) {
      if (!missing) logger.warn({ dir }, "the article directory is missing; keeping the current index");
      missing = true;
      disarm();
      watching = undefined;
      return;
    }
    if (identity === watching) return onChange(rescan);
    if (missing) logger.warn({ dir }, "the article directory is back; watching it again");
    else if (watching !== undefined)
      logger.warn({ dir }, "the article directory was replaced; watching the new one");
    missing = false;
    arm(identity);
    onChange(false);
  };

  const initial = (() => {
    try {
      return identityOf(statSync(dir));
    } catch {
      return undefined; // not there: the first re-scan says so
    }
  })();
  if (initial) arm(initial);
  const rescans = setInterval(() => void check(true), rescanMs);
  rescans.unref();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(rescans);
      disarm();
    },
  };
}

function identityOf(stats: Stats): string | undefined {
  return stats.isDirectory() ? `${stats.dev}:${stats.ino}` : undefined;
}
