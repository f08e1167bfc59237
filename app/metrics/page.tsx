import { LineChart, Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { dashboardPanels, dashboards } from "@/lib/dashboards";

export const metadata: Metadata = { title: "Metrics" };

export default function MetricsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <PageHeader title="Metrics" description="Dashboards over the storefront's and the console's own metrics, from Prometheus; or explore with PromQL." />
      <ul className="grid gap-3 md:grid-cols-2">
        {dashboards.map((dashboard) => (
          <li key={dashboard.id}>
            <Link href={`/metrics/${dashboard.id}`} className="block h-full rounded-lg focus-visible:outline-2">
              <Card className="h-full space-y-1 hover:border-accent">
                <h2 className="flex items-center gap-2 font-semibold">
                  <LineChart aria-hidden className="size-4 text-accent" />
                  {dashboard.title}
                </h2>
                <p className="text-sm text-muted">{dashboard.description}</p>
                <p className="text-xs text-muted">
                  {dashboardPanels(dashboard).length} panels
                  {dashboard.variables.length > 0 && ` · variables: ${dashboard.variables.map((v) => v.label).join(", ")}`}
                </p>
              </Card>
            </Link>
          </li>
        ))}
        <li>
          <Link href="/metrics/explore" className="block h-full rounded-lg focus-visible:outline-2">
            <Card className="h-full space-y-1 hover:border-accent">
              <h2 className="flex items-center gap-2 font-semibold">
                <Search aria-hidden className="size-4 text-accent" />
                Explore
              </h2>
              <p className="text-sm text-muted">Ad-hoc PromQL with completion, as a chart or a table.</p>
            </Card>
          </Link>
        </li>
      </ul>
    </div>
  );
}
