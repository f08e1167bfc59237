import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { MessageBrowser } from "@/components/kafka/message-browser";

type Props = { params: Promise<{ topic: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Messages · ${decodeURIComponent((await params).topic)}` };
}

export default async function TopicMessagesPage({ params }: Props) {
  const name = decodeURIComponent((await params).topic);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/kafka/topics" className="hover:underline">
          Topics
        </Link>{" "}
        /{" "}
        <Link href={`/kafka/topics/${encodeURIComponent(name)}`} className="font-mono hover:underline">
          {name}
        </Link>{" "}
        / <span className="text-ink">Messages</span>
      </nav>
      <div>
        <h1 className="text-xl font-semibold tracking-tight">
          Messages of <span className="font-mono">{name}</span>
        </h1>
        <p className="text-sm text-muted">Search on the server by key, value, headers or a JSON path; results stream in as partitions are read.</p>
      </div>
      <Suspense>
        <MessageBrowser topic={name} />
      </Suspense>
    </div>
  );
}
