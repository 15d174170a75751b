import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Called between the small steps of long work (indexing an article passage by passage): returns a promise to
 * await when the work should let the event loop run, undefined when it may go on.
 */
export type Pause = () => Promise<unknown> | undefined;

/** Never yields: for work nobody waits on, such as a build in a test or a command-line tool. */
export const noPause: Pause = () => undefined;

/**
 * Yields once `sliceMs` of work has run since the last yield. `setImmediate` rather than a timer: pending I/O
 * and due timers (a question, a poll) run first, and the work resumes without a timer's minimum delay.
 */
export function pauseEvery(sliceMs: number): Pause {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}
