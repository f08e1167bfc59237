import "server-only";

type Closer = () => Promise<unknown>;
const state = globalThis as unknown as { eventdeckClosers?: Map<string, Closer> };

/** Registers a backend client's close function to run once when the process is asked to stop. */
export function closeOnShutdown(name: string, close: Closer): void {
  if (!state.eventdeckClosers) {
    state.eventdeckClosers = new Map();
    const closeAll = () => {
      const closers = new Map(state.eventdeckClosers);
      state.eventdeckClosers?.clear();
      // Work that writes to the backends (replay jobs) stops first, then the clients close.
      const first = closers.get("replay");
      closers.delete("replay");
      void (first?.() ?? Promise.resolve()).catch(() => undefined).then(() => Promise.allSettled([...closers.values()].map((closer) => closer())));
    };
    process.once("SIGTERM", closeAll);
    process.once("SIGINT", closeAll);
  }
  state.eventdeckClosers.set(name, close);
}
