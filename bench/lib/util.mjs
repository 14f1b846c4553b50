// Small helpers: percentiles, formatting, and cleanup that also runs on Ctrl-C.

/** Nearest-rank percentile (p in 0..100) of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`; // kB = 1000 bytes
export const ms = (t) => `${t.toFixed(1)} ms`;
export const verdict = (ok) => (ok ? "PASS" : "OVER");

/**
 * Runs main, then the cleanups registered with `later` (last first), also on SIGINT/SIGTERM.
 * Benchmarks report; they do not fail on figures, so the exit code is 0 unless something broke.
 */
export async function run(main) {
  const cleanups = [];
  const later = (fn) => cleanups.push(fn);
  let cleaning;
  const cleanup = () => (cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        console.error(`cleanup: ${e.message}`);
      }
    }
  })());
  for (const sig of ["SIGINT", "SIGTERM"]) process.once(sig, () => cleanup().then(() => process.exit(130)));
  const started = performance.now();
  try {
    await main(later);
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  } finally {
    await cleanup();
    console.log(`\n(run took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}
