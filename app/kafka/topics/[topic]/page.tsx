import type { Metadata } from "next";
import { MessagesSquare } from "lucide-react";
import Link from "next/link";
import { TopicDetailView } from "@/components/kafka/topic-detail";

type Props = { params: Promise<{ topic: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).topic) };
}

export default async function TopicPage({ params }: Props) {
  const name = decodeURIComponent((await params).topic);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/kafka/topics" className="hover:underline">
          Topics
        </Link>{" "}
        / <span className="font-mono text-ink">{name}</span>
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="font-mono text-xl font-semibold tracking-tight">{name}</h1>
        <Link href={`/kafka/topics/${encodeURIComponent(name)}/messages`} className="inline-flex items-center gap-1.5 rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-canvas">
          <MessagesSquare aria-hidden className="size-4" /> Browse messages
        </Link>
      </div>
      <TopicDetailView name={name} />
    </div>
  );
}
