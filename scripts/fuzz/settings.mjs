// The settings and names of one `npm run fuzz` run (see scripts/fuzz.mjs), shared by its parts.
import { join } from "node:path";
import { root } from "../lib.mjs";

export const examples = Number(process.env.FUZZ_EXAMPLES ?? 8);
export const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
export const reportDir = join(root, "test-results", "fuzz");
// Names of this run (two checkouts may fuzz the same stack at once): the id is the start time in
// base 36, so a later run also removes what a run killed midway left behind.
export const runId = Date.now().toString(36);
export const consoleDatabase = `eventdeck-fuzz-${runId}`;
export const sandbox = { topicPrefix: `fuzz.${runId}.`, groupPrefix: `fuzz.${runId}.`, databasePrefix: `fuzz_${runId}_` };
export const runLimitSeconds = Number(process.env.FUZZ_RUN_LIMIT_SECONDS ?? Math.max(900, examples * 30));

export function log(message) {
  console.log(`fuzz: ${message}`);
}
