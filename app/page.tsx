import { HealthOverview } from "@/components/health/health-overview";

export default function OverviewPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Overview</h1>
        <p className="text-sm text-muted">The backends this console administers and how they answer right now.</p>
      </div>
      <HealthOverview />
    </div>
  );
}
