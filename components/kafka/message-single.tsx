"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { useKafkaMessage } from "@/lib/queries/kafka-messages";
import { formatTimestamp, MessageDetails } from "./message-details";

/** Just one message, by its partition and offset: the page a shared link opens. */
export function MessageSingle({ topic, partition, offset }: { topic: string; partition: number; offset: string }) {
  const { data, error, isPending, refetch } = useKafkaMessage(topic, partition, offset);
  const browseHref = `/kafka/topics/${encodeURIComponent(topic)}/messages?partitions=${partition}&start=offset&offset=${offset}`;
  return (
    <div className="space-y-3">
      <Link href={browseHref} className="inline-flex items-center gap-1.5 text-sm text-accent hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> Browse partition {partition} from offset {offset}
      </Link>
      <QueryState isPending={isPending} error={error} retry={() => void refetch()} what={`message ${partition}:${offset}`}>
        {data && (
          <Card className="space-y-3">
            <h2 className="text-sm font-semibold">
              Partition <span className="font-mono">{data.partition}</span>, offset <span className="font-mono">{data.offset}</span>
              <span className="ml-2 font-mono text-xs font-normal text-muted">{formatTimestamp(data.timestamp)}</span>
            </h2>
            <MessageDetails topic={topic} message={data} showLink={false} />
          </Card>
        )}
      </QueryState>
    </div>
  );
}
