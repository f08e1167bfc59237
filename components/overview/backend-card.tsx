import { CircleAlert, CircleCheck } from "lucide-react";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import type { BackendHealth } from "@/lib/schemas/health";

export function BackendCard({ label, health }: { label: string; health: BackendHealth }) {
  const up = health.status === "up";
  const Icon = up ? CircleCheck : CircleAlert;
  return (
    <Card aria-label={`${label} health`} data-status={health.status} className={cn("flex flex-col gap-3 border-l-4", up ? "border-l-ok" : "border-l-bad")}>
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold">{label}</h2>
        <span className={cn("inline-flex items-center gap-1 text-sm font-medium", up ? "text-ok" : "text-bad")}>
          <Icon aria-hidden className="size-4" />
          {up ? "Up" : "Down"}
        </span>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {health.version && (
          <>
            <dt className="text-muted">Version</dt>
            <dd>{health.version}</dd>
          </>
        )}
        <dt className="text-muted">Latency</dt>
        <dd className="font-mono tabular-nums">{health.latencyMs} ms</dd>
        <dt className="text-muted">Address</dt>
        <dd className="truncate font-mono text-xs leading-5" title={health.target}>
          {health.target}
        </dd>
      </dl>
      {health.summary && <p className="text-xs text-muted">{health.summary}</p>}
      {health.reason && (
        <p role="status" className="rounded bg-bad/10 px-2 py-1.5 text-xs text-bad">
          {health.reason}
        </p>
      )}
    </Card>
  );
}
