import type { Metadata } from "next";
import Link from "next/link";
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
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/kafka/brokers" className="hover:underline">
          Brokers
        </Link>{" "}
        / <span className="font-mono text-ink">{parsed.data}</span>
      </nav>
      <h1 className="text-xl font-semibold tracking-tight">Broker {parsed.data}</h1>
      <BrokerDetailView nodeId={parsed.data} />
    </div>
  );
}
