import type { ReactNode } from "react";
import { SessionBanners, UserMenu } from "@/components/auth/user-menu";
import { BackendDots } from "./backend-dots";
import { NavLinks } from "./nav-links";

export function AppShell({ cluster, children }: { cluster: string; children: ReactNode }) {
  return (
    <div className="grid min-h-screen grid-cols-[13rem_1fr] grid-rows-[auto_1fr]">
      <div className="col-span-2">
        <header className="flex h-12 items-center justify-between border-b border-line bg-surface px-4">
          <div className="flex items-center gap-3">
            <span className="text-sm font-semibold tracking-tight">Eventdeck</span>
            <span className="rounded border border-line px-1.5 py-0.5 font-mono text-xs text-muted" title="Cluster">
              {cluster}
            </span>
          </div>
          <div className="flex items-center gap-4">
            <BackendDots />
            <UserMenu />
          </div>
        </header>
        <SessionBanners />
      </div>
      <nav aria-label="Main" className="border-r border-line bg-surface p-2">
        <NavLinks />
      </nav>
      <main className="min-w-0 p-6">{children}</main>
    </div>
  );
}
