import type { Metadata } from "next";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";
import { History, MessagesSquare } from "lucide-react";
import Link from "next/link";
import { TopicDetailView } from "@/components/kafka/topic-detail";
import { newReplayHref } from "@/lib/replay/form";

const linkClass = "inline-flex items-center gap-1.5 rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-canvas";

type Props = { params: Promise<{ topic: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).topic) };
}

export default async function TopicPage({ params }: Props) {
  const name = decodeURIComponent((await params).topic);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <BreadcrumbHeader
        trail={[
          { label: "Topics", href: "/kafka/topics" },
          { label: name, mono: true },
        ]}
        title={<span className="font-mono">{name}</span>}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href={`/kafka/topics/${encodeURIComponent(name)}/messages`} className={linkClass}>
              <MessagesSquare aria-hidden className="size-4" /> Browse messages
            </Link>
            <Link href={newReplayHref({ kind: "republish", topic: name })} className={linkClass}>
              <History aria-hidden className="size-4" /> Replay…
            </Link>
          </div>
        }
      />
      <TopicDetailView name={name} />
    </div>
  );
}
