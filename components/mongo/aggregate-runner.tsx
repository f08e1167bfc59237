"use client";

import { Play } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { parseEjson } from "@/lib/mongo/ejson";
import { useAggregate } from "@/lib/queries/mongo-document";
import { maxAggregateLimit } from "@/lib/schemas/mongo-document";
import { ejsonProblem, JsonEditor } from "./document-json-editor";
import { AggregateResults } from "./aggregate-results";
import { Select } from "@/components/ui/select";

const starter = '[\n  { "$match": {} },\n  { "$sort": { "_id": -1 } }\n]';
const limits = [10, 100, 1000];

function pipelineProblem(text: string): string | undefined {
  return ejsonProblem(text, (t) => {
    const value = parseEjson(t, "The pipeline");
    if (!Array.isArray(value)) throw new Error("The pipeline must be a JSON array of stages");
    const writing = value.findIndex((stage) => stage && typeof stage === "object" && ("$out" in stage || "$merge" in stage));
    if (writing >= 0) throw new Error(`Stage ${writing + 1} writes ($out/$merge): only read-only pipelines run here`);
  });
}

function limitFrom(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= maxAggregateLimit ? n : 100;
}

/** A pipeline editor whose pipeline and limit live in the URL (shareable); Ctrl+Enter runs it. */
export function AggregateRunner({ db, collection }: { db: string; collection: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const statusId = useId();
  const limitId = useId();
  const inUrl = params.get("pipeline");
  const limit = limitFrom(params.get("limit"));
  const [text, setText] = useState(inUrl ?? starter);
  const [limitChoice, setLimitChoice] = useState(limit);
  const problem = useMemo(() => pipelineProblem(text), [text]);
  const run = useAggregate(db, collection, inUrl === null ? undefined : { pipeline: inUrl, limit });

  const runNow = () => {
    if (problem) return;
    if (text === inUrl && limitChoice === limit) {
      void run.refetch();
      return;
    }
    const query = new URLSearchParams({ pipeline: text, limit: String(limitChoice) });
    router.push(`${pathname}?${query.toString()}`, { scroll: false });
  };
  const bindings = [{ key: "Mod-Enter", run: () => (runNow(), true) }];

  return (
    <div className="space-y-4">
      <Card className="space-y-3">
        <h2 className="text-sm font-semibold">Pipeline</h2>
        <JsonEditor value={text} onChange={setText} label="Aggregation pipeline as Extended JSON" bindings={bindings} describedBy={statusId} minHeight="8rem" />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p id={statusId} role={problem ? "alert" : "status"} className={problem ? "font-mono text-sm text-bad" : "text-sm text-muted"}>
            {problem ?? "Read-only: $out and $merge are refused, server-side JavaScript too. A $limit is added at the end."}
          </p>
          <div className="flex items-center gap-2">
            <label htmlFor={limitId} className="text-sm">
              Limit
            </label>
            <Select id={limitId} value={limitChoice} onChange={(e) => setLimitChoice(Number(e.target.value))} className="tabular-nums">
              {[...new Set([...limits, limit])]
                .sort((a, b) => a - b)
                .map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
            </Select>
            <Button variant="primary" onClick={runNow} disabled={!!problem || run.isFetching}>
              <Play aria-hidden className="size-4" /> Run <kbd className="font-mono text-xs">Ctrl+Enter</kbd>
            </Button>
          </div>
        </div>
      </Card>
      <AggregateResults result={run.data} error={run.error} running={run.isFetching} />
    </div>
  );
}
