/**
 * Runs once when the server starts: a bad setting stops the process with one
 * line naming it, before any request is served; then the replay runner starts
 * (it resumes jobs a stopped console left running).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { validateConfigOrExit } = await import("./server/startup");
  validateConfigOrExit();
  const { startReplayWorker } = await import("./server/replay/worker");
  startReplayWorker();
}
