import type { Metadata } from "next";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";
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
      <BreadcrumbHeader
        trail={[
          { label: "Topics", href: "/kafka/topics" },
          { label: name, href: `/kafka/topics/${encodeURIComponent(name)}`, mono: true },
          { label: "Messages" },
        ]}
        title={
          <>
            Messages of <span className="font-mono">{name}</span>
          </>
        }
        description="Search on the server by key, value, headers or a JSON path; results stream in as partitions are read."
      />
      <Suspense>
        <MessageBrowser topic={name} />
      </Suspense>
    </div>
  );
}
