"use client";

import { StatusDot } from "@/components/ui/status-dot";
import { useHealth } from "@/lib/queries/health";
import { backendLabels, backendNames } from "@/lib/backends";

/** One live dot per backend in the top bar, fed by the same poll as the overview. */
export function BackendDots() {
  const { data, isError } = useHealth();
  return (
    <ul className="flex items-center gap-3 text-xs text-muted" aria-label="Backend health">
      {backendNames.map((name) => (
        <li key={name} className="flex items-center gap-1.5">
          <StatusDot status={isError || !data ? "unknown" : data.backends[name].status} label={backendLabels[name]} />
          <span aria-hidden>{backendLabels[name]}</span>
        </li>
      ))}
    </ul>
  );
}
