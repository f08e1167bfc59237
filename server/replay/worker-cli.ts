/**
 * A replay worker without the web console: `tsx --conditions=react-server server/replay/worker-cli.ts`.
 * Runs the same runner the console runs (same settings from the environment); useful to run
 * jobs on another machine, and how the tests kill a worker mid-job.
 */
import { getLogger } from "../log";
import { getReplayRunner } from "./runner";

const runner = getReplayRunner();
getLogger().info({ owner: runner.owner }, "replay worker running");
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void runner.shutdown().finally(() => process.exit(0));
  });
}
