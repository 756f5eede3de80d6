/** Child-process helpers shared by the lab's nginx and dnsmasq wrappers. */
import { spawn, type ChildProcess } from "node:child_process";

/** A running child whose output is kept for error messages. */
export interface LabProcess {
  /** The child process. */
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  /** Stops the child (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  stop: () => Promise<void>;
}

const running = new Map<ChildProcess, NodeJS.Signals>();
let exitHookInstalled = false;

/** Kills daemons still running when the test process exits (a crash or process.exit), so none outlive it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const [child, signal] of running) child.kill(signal);
  });
}

/**
 * Stops `child` with `signal` if this process exits first. SIGTERM suits
 * nginx and dnsmasq (nginx's master then stops its workers); a stopped
 * (SIGSTOP) child only reacts to SIGKILL.
 */
export function killOnExit(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  installExitHook();
  running.set(child, signal);
  child.once("exit", () => running.delete(child));
}

/** Starts a program in the foreground; fails fast if it exits during start-up. */
export function startProcess(command: string, args: string[]): LabProcess {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  killOnExit(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Rejects with the child's output if it exits before ready() settles. */
export async function untilReady(
  proc: LabProcess,
  name: string,
  ready: Promise<void>,
): Promise<void> {
  let onExit: (() => void) | undefined;
  const died = new Promise<never>((_, reject) => {
    onExit = () => reject(new Error(`${name} exited during start-up:\n${proc.output()}`));
    proc.child.once("exit", onExit);
    proc.child.once("error", (error) =>
      reject(new Error(`${name} could not start: ${error.message}`)),
    );
  });
  try {
    await Promise.race([ready, died]);
  } finally {
    if (onExit) proc.child.off("exit", onExit);
  }
}
