"use client";

import { CheckCircle2, Clock, RefreshCw, Search } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatCount } from "@/lib/format";
import { useEntityTrace, useSystemCatalog } from "@/lib/queries/system";
import type { EntityTrace, TraceEvent, TraceQuery } from "@/lib/schemas/system";
import { ComparisonDetail } from "./copy-comparison";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

const topicColors = ["border-l-blue-500", "border-l-violet-500", "border-l-teal-500", "border-l-orange-500", "border-l-pink-500", "border-l-lime-600"];

function queryFrom(params: URLSearchParams): TraceQuery | null {
  const id = params.get("id")?.trim();
  const traceId = params.get("traceId")?.trim();
  if (traceId) return { traceId };
  if (id) return { id, ...(params.get("entity") ? { entity: params.get("entity")! } : {}) };
  return null;
}

function TraceForm({ query }: { query: TraceQuery | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const catalog = useSystemCatalog();
  const [mode, setMode] = useState<string>(query?.traceId ? "trace" : (query?.entity ?? ""));
  const [text, setText] = useState(query?.traceId ?? query?.id ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    const params = new URLSearchParams(mode === "trace" ? { traceId: value } : mode ? { entity: mode, id: value } : { id: value });
    router.push(`${pathname}?${params}`);
  };
  return (
    <Card>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" role="search">
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-muted">Look for</span>
          <Select value={mode} onChange={(e) => setMode(e.target.value)}>
            <option value="">any entity&apos;s id</option>
            {(catalog.data?.entities ?? []).map((e) => (
              <option key={e.name} value={e.name}>
                {e.name} id
              </option>
            ))}
            <option value="trace">a trace id</option>
          </Select>
        </label>
        <label className="flex min-w-72 flex-1 flex-col gap-1 text-sm">
          <span className="text-muted">{mode === "trace" ? "Trace id (the traceId header)" : "Id (the events' message key)"}</span>
          <Input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={mode === "trace" ? "e.g. 4f0c2b…" : "e.g. an order or customer id"}
            className="font-mono"
            autoFocus
            spellCheck={false}
          />
        </label>
        <Button type="submit" variant="primary" disabled={!text.trim()}>
          <Search aria-hidden className="size-4" /> Trace
        </Button>
      </form>
    </Card>
  );
}

function GroupChips({ event }: { event: TraceEvent }) {
  if (event.groups.length === 0) return <span className="text-xs text-muted">no consumer group reads this partition</span>;
  return (
    <span className="flex flex-wrap gap-1.5">
      {event.groups.map((g) => (
        <Link
          key={g.groupId}
          href={`/kafka/groups/${encodeURIComponent(g.groupId)}`}
          title={g.processed ? `${g.groupId} has processed this event` : `${g.groupId} has not processed this event yet: ${formatCount(g.behind)} behind`}
          className={cn(
            "inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs hover:underline",
            g.processed ? "border-line text-muted" : "border-amber-400 bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
          )}
        >
          {g.processed ? <CheckCircle2 aria-hidden className="size-3 text-ok" /> : <Clock aria-hidden className="size-3" />}
          {g.service ?? g.groupId}
          {g.processed ? " processed" : `: not processed yet, ${formatCount(g.behind)} behind`}
        </Link>
      ))}
    </span>
  );
}

function Timeline({ trace }: { trace: EntityTrace }) {
  const topics = [...new Set(trace.scans.map((s) => s.topic))];
  if (trace.events.length === 0) return <Card className="text-sm text-muted">No events found on the declared topics.</Card>;
  return (
    <Card className="p-0">
      <h2 className="border-b border-line px-4 py-2 text-sm font-semibold">
        Timeline · {trace.events.length} event{trace.events.length === 1 ? "" : "s"} on {new Set(trace.events.map((e) => e.topic)).size} topics
      </h2>
      <ol aria-label="Events in time order">
        {trace.events.map((e) => (
          <li
            key={`${e.topic}/${e.partition}/${e.offset}`}
            className={cn("border-b border-l-4 border-b-line px-4 py-2 last:border-b-0", topicColors[topics.indexOf(e.topic) % topicColors.length])}
          >
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
              <time dateTime={e.timestamp} className="font-mono text-xs text-muted tabular-nums">
                {e.timestamp.replace("T", " ").replace("Z", "")}
              </time>
              <span className="font-semibold">{e.type ?? "(no type)"}</span>
              <span className="text-xs text-muted">
                {e.entity} <span className="font-mono">{e.key}</span>
              </span>
              <Link
                href={`/kafka/topics/${encodeURIComponent(e.topic)}/messages?partition=${e.partition}&offset=${e.offset}`}
                className="ml-auto font-mono text-xs text-accent hover:underline"
              >
                {e.topic} · {e.partition}:{e.offset}
              </Link>
            </div>
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <GroupChips event={e} />
              <details className="text-xs">
                <summary className="cursor-pointer text-muted">event</summary>
                <pre tabIndex={0} className="mt-1 max-h-80 overflow-auto rounded-md bg-canvas p-2 font-mono">
                  {JSON.stringify({ headers: e.headers, value: e.value }, null, 2)}
                </pre>
              </details>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function Documents({ trace }: { trace: EntityTrace }) {
  if (trace.documents.length === 0) return null;
  return (
    <div className="space-y-2">
      <h2 className="text-sm font-semibold">What each service stores now</h2>
      <div className="grid gap-3 lg:grid-cols-2">
        {trace.documents.map((d) => (
          <Card key={`${d.database}.${d.collection}/${d.id}`} className="space-y-1 text-sm">
            <h3 className="flex flex-wrap items-baseline gap-2">
              <span className="font-semibold">{d.service}</span>
              <Link
                href={`/mongo/${encodeURIComponent(d.database)}/${encodeURIComponent(d.collection)}`}
                className="font-mono text-xs text-accent hover:underline"
              >
                {d.database}.{d.collection}
              </Link>
              <span className="text-xs text-muted">
                {d.entity} <span className="font-mono">{d.id}</span>
              </span>
            </h3>
            {d.error ? (
              <p className="text-bad">{d.error}</p>
            ) : d.document === null ? (
              <p className="text-muted">No document for this id.</p>
            ) : (
              <pre tabIndex={0} className="max-h-72 overflow-auto rounded-md bg-canvas p-2 font-mono text-xs">
                {JSON.stringify(d.document, null, 2)}
              </pre>
            )}
          </Card>
        ))}
      </div>
    </div>
  );
}

function Scans({ trace }: { trace: EntityTrace }) {
  return (
    <Card className="overflow-x-auto p-0">
      <h2 className="px-4 pt-3 text-sm font-semibold">Read · {trace.ms} ms</h2>
      <SimpleTable
        columns={[
          { label: "Topic" },
          { label: "Looking for" },
          { label: "Partitions read" },
          { label: "Records read", numeric: true },
          { label: "Found", numeric: true },
          { label: "Time", numeric: true },
        ]}
      >
        {trace.scans.map((s) => (
          <tr key={`${s.topic}/${s.key}`} className="border-t border-line">
            <td className={cn(textCell, "font-mono")}>{s.topic}</td>
            <td className={cn(textCell, "font-mono text-xs")}>{s.key ? `key ${s.key}` : "traceId header"}</td>
            <td className={textCell}>
              {s.partitions.length} of {s.partitionCount}
              {s.key !== null && s.partitions.length === 1 ? ` (partition ${s.partitions[0]}, where the key hashes to)` : ""}
            </td>
            <td className={numericCell}>{formatCount(s.scanned)}</td>
            <td className={numericCell}>{formatCount(s.matched)}</td>
            <td className={numericCell}>{s.ms} ms</td>
          </tr>
        ))}
      </SimpleTable>
    </Card>
  );
}

function TraceResult({ trace }: { trace: EntityTrace }) {
  return (
    <div className="space-y-4">
      {trace.warnings.length > 0 && (
        <Card role="status" className="space-y-1 border-amber-400 text-sm">
          {trace.warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </Card>
      )}
      {trace.traced.length > 1 && (
        <p className="text-sm text-muted">
          Traced together:{" "}
          {trace.traced.map((t, i) => (
            <span key={`${t.entity}/${t.id}`}>
              {i > 0 && ", "}
              {t.entity} <span className="font-mono text-ink">{t.id}</span>
              {t.via !== "id" && t.via !== "traceId" ? ` (named by ${t.via})` : ""}
            </span>
          ))}
        </p>
      )}
      {trace.consistency.length > 0 && (
        <Card className="space-y-4">
          <h2 className="text-sm font-semibold">Copies of this data in other services</h2>
          {trace.consistency.map((c) => (
            <ComparisonDetail key={`${c.copy}/${c.id}`} comparison={c} traceLink={trace.traced.length > 1} />
          ))}
        </Card>
      )}
      <Timeline trace={trace} />
      <Documents trace={trace} />
      <Scans trace={trace} />
    </div>
  );
}

/** The trace page: the query lives in the URL, so a trace can be shared as a link. */
export function TraceView() {
  const params = useSearchParams();
  const query = queryFrom(params);
  const trace = useEntityTrace(query);
  return (
    <div className="space-y-4">
      <TraceForm key={params.toString()} query={query} />
      {query === null ? (
        <Card className="max-w-3xl space-y-2 text-sm text-muted">
          <p>
            Give the id of a customer or an order (or a trace id) to see every event about it across the system on one timeline, what each service stores for it
            now, and how far each consumer group has got.
          </p>
          <p>
            An id is the events&apos; message key, so only the partition the key hashes to is read in each topic. A trace id is a header: every partition is
            read.
          </p>
        </Card>
      ) : (
        <QueryState isPending={trace.isPending} error={trace.error} retry={() => void trace.refetch()} what="the trace">
          {trace.data && (
            <>
              <div className="flex justify-end">
                <Button onClick={() => void trace.refetch()} disabled={trace.isFetching}>
                  <RefreshCw aria-hidden className={cn("size-4", trace.isFetching && "animate-spin")} /> {trace.isFetching ? "Reading…" : "Read again"}
                </Button>
              </div>
              <TraceResult trace={trace.data} />
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}
