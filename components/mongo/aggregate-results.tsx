"use client";

import { EJSON, type Document } from "bson";
import { useMemo, useState } from "react";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatCount } from "@/lib/format";
import { maxAggregateLimit, type AggregateResult } from "@/lib/schemas/mongo-document";

type Notation = "relaxed" | "canonical";

/** Results as JSON: relaxed Extended JSON to read ({"$oid"}, dates, plain numbers), canonical to see every type. */
function resultText(results: Record<string, unknown>[], notation: Notation): string {
  if (notation === "canonical") return JSON.stringify(results, null, 2);
  return JSON.stringify(
    results.map((doc) => EJSON.serialize(EJSON.deserialize(doc as Document, { relaxed: false }), { relaxed: true })),
    null,
    2,
  );
}

export function AggregateResults({ result, error, running }: { result: AggregateResult | undefined; error: Error | null; running: boolean }) {
  const [notation, setNotation] = useState<Notation>("relaxed");
  const text = useMemo(() => (result ? resultText(result.results, notation) : ""), [result, notation]);
  if (running) {
    return (
      <Card className="space-y-2" aria-busy="true" aria-label="Running the pipeline">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </Card>
    );
  }
  if (error) {
    return (
      <Card role="alert" className="space-y-1">
        <h2 className="text-sm font-semibold text-bad">The pipeline did not run</h2>
        <p className="font-mono text-sm break-words text-bad">{error.message}</p>
      </Card>
    );
  }
  if (!result)
    return <p className="text-sm text-muted">Write a pipeline and run it with Ctrl+Enter; the results show here and the URL keeps the pipeline to share.</p>;
  const count = result.results.length;
  return (
    <Card className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold" aria-live="polite">
          {formatCount(count)} result{count === 1 ? "" : "s"} in {result.tookMs} ms
          <span className="ml-2 font-normal text-muted">
            limit {formatCount(result.limit)} · time limit {formatCount(result.maxTimeMS)} ms
          </span>
        </h2>
        <div role="radiogroup" aria-label="Notation" className="flex gap-3 text-sm">
          {(["relaxed", "canonical"] as const).map((n) => (
            <label key={n} className="flex items-center gap-1.5">
              <input type="radio" name="notation" checked={notation === n} onChange={() => setNotation(n)} />{" "}
              {n === "relaxed" ? "Relaxed" : "Canonical (every type)"}
            </label>
          ))}
        </div>
      </div>
      {result.truncated && (
        <p className="rounded-md border border-line bg-canvas p-2 text-sm">
          More results exist: these are the first {formatCount(count)}. Raise the limit (at most {formatCount(maxAggregateLimit)}) or narrow the pipeline.
        </p>
      )}
      {count === 0 ? (
        <p className="text-sm text-muted">No documents came out of the pipeline.</p>
      ) : (
        <pre
          tabIndex={0}
          aria-label="Results as JSON"
          className="max-h-[60vh] overflow-auto rounded-md border border-line bg-canvas p-3 font-mono text-xs leading-relaxed"
        >
          {text}
        </pre>
      )}
    </Card>
  );
}
