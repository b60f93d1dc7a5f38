import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exitWithPidFrom, exitWithProcess } from './exit-with-process';

describe('exitWithPidFrom', () => {
  it('reads a pid, nothing when unset, and refuses what is not a pid', () => {
    expect(exitWithPidFrom({ FANOUT_EXIT_WITH_PID: '4242' })).toBe(4242);
    expect(exitWithPidFrom({})).toBeUndefined();
    expect(exitWithPidFrom({ FANOUT_EXIT_WITH_PID: '' })).toBeUndefined();
    expect(() => exitWithPidFrom({ FANOUT_EXIT_WITH_PID: 'runner' })).toThrow(/process id/);
    expect(() => exitWithPidFrom({ FANOUT_EXIT_WITH_PID: '-1' })).toThrow(/process id/);
  });
});

describe('exitWithProcess', () => {
  it('calls back once the watched process has ended, and not while it runs', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    const pid = child.pid as number;
    let gone = 0;
    const cancel = exitWithProcess(pid, () => gone++, 20);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gone).toBe(0);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await expect.poll(() => gone).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gone).toBe(1);
    cancel();
  });

  it('watches nothing without a pid', () => {
    expect(exitWithProcess(undefined, () => undefined)).toBeTypeOf('function');
  });
});
