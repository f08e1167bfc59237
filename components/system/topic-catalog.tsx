"use client";

import Link from "next/link";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatCount } from "@/lib/format";
import { useSystemCatalog } from "@/lib/queries/system";
import type { CatalogTopic, SystemCatalog } from "@/lib/schemas/system";

function Envelope({ envelope }: { envelope: NonNullable<SystemCatalog["envelope"]> }) {
  return (
    <Card className="space-y-3 text-sm">
      <h2 className="text-base font-semibold">The event envelope</h2>
      {envelope.description && <p className="max-w-3xl text-muted">{envelope.description}</p>}
      {envelope.key && <p className="max-w-3xl">{envelope.key}</p>}
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <SimpleTable columns={[{ label: "Field" }, { label: "Type" }, { label: "Meaning" }]}>
          {envelope.fields.map((f) => (
            <tr key={f.name} className="border-t border-line align-top">
              <td className={cn(textCell, "font-mono")}>{f.name}</td>
              <td className={cn(textCell, "whitespace-nowrap text-muted")}>{f.type}</td>
              <td className={textCell}>{f.description}</td>
            </tr>
          ))}
        </SimpleTable>
        <SimpleTable columns={[{ label: "Header" }, { label: "Meaning" }]}>
          {envelope.headers.map((h) => (
            <tr key={h.name} className="border-t border-line align-top">
              <td className={cn(textCell, "font-mono")}>{h.name}</td>
              <td className={textCell}>{h.description}</td>
            </tr>
          ))}
        </SimpleTable>
      </div>
    </Card>
  );
}

function TopicEntry({ topic }: { topic: CatalogTopic }) {
  return (
    <Card className="space-y-2 text-sm">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="font-mono text-sm font-semibold">
          <Link href={`/kafka/topics/${encodeURIComponent(topic.topic)}`} className="hover:underline">
            {topic.topic}
          </Link>
        </h3>
        <span className="text-muted">
          written by {topic.producers.join(", ") || "—"} · read by {topic.consumers.join(", ") || "nobody"}
          {topic.entities.length > 0 && <> · key: {topic.entities.join(" or ")} id</>}
        </span>
      </div>
      {topic.sampled === 0 ? (
        <p className="text-muted">Empty: no events to learn from yet.</p>
      ) : (
        <>
          <p className="text-muted">
            From the newest {formatCount(topic.sampled)} events: {formatCount(topic.keys.distinct)} distinct keys
            {topic.keys.examples.length > 0 && (
              <>
                {" "}
                (e.g. <span className="font-mono text-ink">{topic.keys.examples[0]}</span>)
              </>
            )}
            .
          </p>
          <ul className="space-y-1">
            {topic.eventTypes.map((t) => (
              <li key={t.type}>
                <details>
                  <summary className="cursor-pointer">
                    <span className="font-mono font-medium">{t.type}</span> <span className="text-muted">× {formatCount(t.count)}</span>
                  </summary>
                  <pre tabIndex={0} className="mt-1 max-h-72 overflow-auto rounded-md bg-canvas p-2 font-mono text-xs">
                    {JSON.stringify({ key: t.example.key, headers: t.example.headers, value: t.example.value }, null, 2)}
                  </pre>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

/** What a newcomer needs: the system in a paragraph, the envelope, the entities and what each topic carries. */
export function TopicCatalog() {
  const catalog = useSystemCatalog();
  return (
    <QueryState isPending={catalog.isPending} error={catalog.error} retry={() => void catalog.refetch()} what="the topic catalog">
      {catalog.data && (
        <div className="space-y-4">
          {catalog.data.description && (
            <Card className="text-sm">
              <h2 className="mb-1 text-base font-semibold">How the system works</h2>
              <p className="max-w-4xl">{catalog.data.description}</p>
              {catalog.data.entities.length > 0 && (
                <ul className="mt-2 list-disc space-y-0.5 pl-5">
                  {catalog.data.entities.map((e) => (
                    <li key={e.name}>
                      <strong>{e.name}</strong>
                      {e.description ? ` — ${e.description}` : ""} Events on <span className="font-mono">{e.topics.join(", ")}</span>; documents in{" "}
                      {e.documents.map((d) => `${d.database}.${d.collection}`).join(", ") || "no declared collection"}.
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          )}
          {catalog.data.envelope && <Envelope envelope={catalog.data.envelope} />}
          <h2 className="text-base font-semibold">What each topic carries</h2>
          {catalog.data.topics.length === 0 ? (
            <Card className="text-sm text-muted">No topics belong to the system yet.</Card>
          ) : (
            <div className="grid gap-3 xl:grid-cols-2">
              {catalog.data.topics.map((t) => (
                <TopicEntry key={t.topic} topic={t} />
              ))}
            </div>
          )}
        </div>
      )}
    </QueryState>
  );
}
