import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <PageHeader
        title="Audit log"
        description="Sign-ins and every change attempted through the console: who, what, on what and how it ended, newest first, refreshed every 10 s."
      />
      <Suspense>
        <AuditLog />
      </Suspense>
    </div>
  );
}
