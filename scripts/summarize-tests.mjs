// Adds up Vitest's and Playwright's JSON reports into one closing line: "N passed, N failed".
// A step that failed without producing test results (lint, typecheck, build) counts as one failure.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [dir, ...failedSteps] = process.argv.slice(2);
const read = (name) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), "utf8")) : null);

let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = read("vitest.json");
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const playwright = read("playwright.json");
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
}

// A step whose report shows its failures is counted by them; one that failed otherwise (a crash,
// a global setup that threw, lint) counts as one failure of its own.
const reportedFailures = (s) =>
  (s.startsWith("unit") && vitest?.numFailedTests > 0) || (s.startsWith("end-to-end") && playwright?.stats.unexpected > 0);
const unreported = failedSteps.filter((s) => !reportedFailures(s));
for (const s of unreported) console.log(`step failed: ${s}`);
failed += unreported.length;

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || failedSteps.length > 0 || passed === 0 ? 1 : 0);
