/*
 * Keystone has no compare-and-swap, so a read-check-write of what it holds for a user runs under a
 * lock in the security store (a claim, shared by the instances). A request finding it taken waits
 * its turn; one that waited too long gets no verdict and is told to try again.
 */

export interface Lock {
  /** True when taken; false while another request, on any instance, holds it. */
  take(): Promise<boolean>;
  give(): Promise<void>;
}

export interface LockClock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

const WAIT_MS = 15_000;
const POLL_MS = 50;

/** Runs `fn` holding `lock`, waiting for it up to 15 s; throws `busy()` when it stays taken. */
export async function whileHolding<T>(lock: Lock, clock: LockClock, busy: () => Error, fn: () => Promise<T>): Promise<T> {
  const started = clock.now().getTime();
  while (!(await lock.take())) {
    if (clock.now().getTime() - started > WAIT_MS) throw busy();
    await clock.sleep(POLL_MS);
  }
  try {
    return await fn();
  } finally {
    await lock.give();
  }
}
