import "server-only";
import { getConfig } from "../config";
import { closeOnShutdown } from "../shutdown";
import { getReplayRunner } from "./runner";

/** Starts this process's replay runner unless REPLAY_WORKER=off; on SIGTERM it hands its jobs back before the clients close. */
export function startReplayWorker(): void {
  if (getConfig().REPLAY_WORKER !== "on") return;
  const runner = getReplayRunner();
  closeOnShutdown("replay", () => runner.shutdown());
}
