import { Attention } from "@/components/overview/attention";
import { HealthOverview } from "@/components/overview/health-overview";

export default function OverviewPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Overview</h1>
        <p className="text-sm text-muted">The backends this console administers, the services and consumers that need a look, and the replays under way.</p>
      </div>
      <HealthOverview />
      <Attention />
    </div>
  );
}
