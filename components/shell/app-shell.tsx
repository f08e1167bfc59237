import type { ReactNode } from "react";
import { BackendDots } from "./backend-dots";
import { NavLinks } from "./nav-links";

export function AppShell({ cluster, children }: { cluster: string; children: ReactNode }) {
  return (
    <div className="grid min-h-screen grid-cols-[13rem_1fr] grid-rows-[3rem_1fr]">
      <header className="col-span-2 flex items-center justify-between border-b border-line bg-surface px-4">
        <div className="flex items-center gap-3">
          <span className="text-sm font-semibold tracking-tight">Eventdeck</span>
          <span className="rounded border border-line px-1.5 py-0.5 font-mono text-xs text-muted" title="Cluster">
            {cluster}
          </span>
        </div>
        <BackendDots />
      </header>
      <nav aria-label="Main" className="border-r border-line bg-surface p-2">
        <NavLinks />
      </nav>
      <main className="min-w-0 p-6">{children}</main>
    </div>
  );
}
