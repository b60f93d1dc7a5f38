import { z } from 'zod';

/** `FANOUT_EXIT_WITH_PID`: the process whose end ends this server (a test runner's). */
const exitWithPidSchema = z.coerce.number().int().positive().optional();

/** The pid to outlive no longer, from the environment; a value that is not a pid is refused. */
export function exitWithPidFrom(env: Record<string, string | undefined>): number | undefined {
  const raw = env.FANOUT_EXIT_WITH_PID;
  if (raw === undefined || raw === '') return undefined;
  const parsed = exitWithPidSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`FANOUT_EXIT_WITH_PID must be a process id, not "${raw}"`);
  return parsed.data;
}

/** Whether a process is still running (signal 0 checks without signalling). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `onGone` once the process `pid` has ended. A test runner starts its servers with its own
 * pid in FANOUT_EXIT_WITH_PID: a runner killed outright (SIGKILL, or a `timeout` that signals
 * only the runner) never gets to stop the servers it started, and they stayed listening on
 * their ports for hours. Checked once a second; the timer does not keep the process alive.
 * Returns the cancel.
 */
export function exitWithProcess(
  pid: number | undefined,
  onGone: () => void,
  everyMs = 1000,
): () => void {
  if (pid === undefined) return () => undefined;
  const timer = setInterval(() => {
    if (isRunning(pid)) return;
    clearInterval(timer);
    onGone();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
