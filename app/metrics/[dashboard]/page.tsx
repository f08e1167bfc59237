import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DashboardView } from "@/components/metrics/dashboard-view";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";
import { findDashboard } from "@/lib/dashboards";

type Props = { params: Promise<{ dashboard: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: findDashboard((await params).dashboard)?.title ?? "Dashboard" };
}

export default async function DashboardPage({ params }: Props) {
  const dashboard = findDashboard((await params).dashboard);
  if (!dashboard) notFound();
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <BreadcrumbHeader
        trail={[{ label: "Metrics", href: "/metrics" }, { label: dashboard.title }]}
        title={dashboard.title}
        description={dashboard.description}
      />
      <Suspense>
        <DashboardView id={dashboard.id} />
      </Suspense>
    </div>
  );
}
