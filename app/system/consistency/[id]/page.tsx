import type { Metadata } from "next";
import { ConsistencyCheckView } from "@/components/system/consistency-view";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";

export const metadata: Metadata = { title: "Consistency check" };

export default async function ConsistencyCheckPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <BreadcrumbHeader
        trail={[
          { href: "/system", label: "System" },
          { href: "/system/consistency", label: "Consistency" },
          { label: id, mono: true },
        ]}
        title="Consistency check"
      />
      <ConsistencyCheckView id={id} />
    </div>
  );
}
