"use client";

import { History, PenLine } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useTopic } from "@/lib/queries/kafka";
import { browseQueryString, browseSettingsFrom, useMessageSearch, type BrowseSettings } from "@/lib/queries/kafka-messages";
import { newReplayHref } from "@/lib/replay/form";
import { MessageBrowserForm } from "./message-browser-form";
import { MessageBrowserResults } from "./message-browser-results";
import { MessageSingle } from "./message-single";
import { ProduceForm } from "./produce-form";

/** The new-replay form for what the browser's settings select: its partitions, filter and start (a "latest" view replays everything). */
function replayHref(topic: string, settings: BrowseSettings): string {
  const base = { kind: "republish" as const, topic, partitions: settings.partitions.join(","), filter: settings.filter.trim() };
  if (settings.start === "offset") return newReplayHref({ ...base, range: "offsets", from: settings.offset });
  const since = /^\d+$/.test(settings.timestamp) ? Number(settings.timestamp) : Date.parse(settings.timestamp);
  if (settings.start === "timestamp" && !Number.isNaN(since)) return newReplayHref({ ...base, range: "time", from: new Date(since).toISOString() });
  return newReplayHref(base);
}

/**
 * The message browser of one topic. Its settings live in the URL, so a search can be
 * shared or bookmarked; `?partition=&offset=` shows just that one message.
 */
export function MessageBrowser({ topic }: { topic: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const partitions = useTopic(topic).data?.partitionDetails.map((p) => p.partition);
  const [producing, setProducing] = useState(false);
  // Producing needs operator; the replay link stays: its dry run only reads.
  const canProduce = useCan("operator");
  const [runs, setRuns] = useState(0);
  const search = useMessageSearch(topic);
  const single =
    params.get("partition") !== null && params.get("offset") !== null && /^\d+$/.test(params.get("partition")!) && /^\d+$/.test(params.get("offset")!);
  const settings = browseSettingsFrom(params);
  const query = browseQueryString(settings);
  const { run, stop } = search;

  useEffect(() => {
    if (!single) void run(query);
    return stop;
  }, [single, query, runs, run, stop]);

  const submit = (next: BrowseSettings) => {
    const nextQuery = browseQueryString(next);
    if (nextQuery === query) setRuns((n) => n + 1);
    else router.push(nextQuery ? `${pathname}?${nextQuery}` : pathname, { scroll: false });
  };

  if (single) return <MessageSingle topic={topic} partition={Number(params.get("partition"))} offset={params.get("offset")!} />;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap justify-end gap-2">
        <Link
          href={replayHref(topic, settings)}
          className="inline-flex items-center gap-1.5 rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-canvas"
          title="Open a re-publish of this topic with these partitions, start and filter"
        >
          <History aria-hidden className="size-4" /> Replay these messages…
        </Link>
        {canProduce && (
          <Button onClick={() => setProducing(!producing)} aria-expanded={producing} aria-controls="produce-card">
            <PenLine aria-hidden className="size-4" /> Produce a message
          </Button>
        )}
      </div>
      {canProduce && producing && (
        <Card id="produce-card">
          <h2 className="mb-3 text-sm font-semibold">Produce a message</h2>
          <ProduceForm topic={topic} partitions={partitions} />
        </Card>
      )}
      <MessageBrowserForm key={query} initial={settings} partitions={partitions} running={search.status === "running"} onSubmit={submit} onStop={stop} />
      <MessageBrowserResults topic={topic} search={search} newestFirst={settings.start === "latest"} />
    </div>
  );
}
