import type { Metadata } from "next";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";
import { notFound } from "next/navigation";
import { BrokerDetailView } from "@/components/kafka/brokers-view";
import { brokerIdSchema } from "@/lib/schemas/kafka";

type Props = { params: Promise<{ broker: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Broker ${(await params).broker}` };
}

export default async function BrokerPage({ params }: Props) {
  const parsed = brokerIdSchema.safeParse((await params).broker);
  if (!parsed.success) notFound();
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <BreadcrumbHeader
        trail={[
          { label: "Brokers", href: "/kafka/brokers" },
          { label: String(parsed.data), mono: true },
        ]}
        title={`Broker ${parsed.data}`}
      />
      <BrokerDetailView nodeId={parsed.data} />
    </div>
  );
}
