import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";

/** A TCP proxy in a process of its own, in front of a local server, that a test can freeze and thaw. */
export interface StallableProxy {
  /** The port on 127.0.0.1 that leads to the server. */
  readonly port: number;
  /**
   * Freezes the proxy's process (SIGSTOP): connections stay open and new ones are still accepted by the kernel,
   * but no byte goes through either way, as with a stalled server, a saturated one or a network partition.
   */
  pause(): void;
  /** Thaws it (SIGCONT): what was written meanwhile goes through, and the proxy forwards again. */
  resume(): void;
  /** Kills the proxy (SIGKILL, which a frozen process obeys too), closing every connection through it. */
  close(): Promise<void>;
}

const RELAY = path.join(import.meta.dirname, "tcp-relay.ts");

/** Starts a proxy to 127.0.0.1:`targetPort`; resolves once it listens. */
export async function startStallableProxy(targetPort: number): Promise<StallableProxy> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", RELAY, String(targetPort)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [first] = (await Promise.race([
    once(lines, "line"),
    exited.then(() => {
      throw new Error("tcp-relay exited before it listened");
    }),
  ])) as [string];
  lines.close();
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
  };
  return {
    port: Number(first),
    pause: () => signal("SIGSTOP"),
    resume: () => signal("SIGCONT"),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}
