"use client";

import { CircleSlash, RefreshCw, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";
import { SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { useProjections } from "@/lib/queries/replay";
import type { RebuildMode, ReplayFormValues } from "@/lib/replay/form";
import type { ProjectionInfo } from "@/lib/schemas/replay";
import { CollectionLink, GroupLink, ProjectionState, RebuiltAt, ShadowBuild, TopicLink } from "./projection-parts";
import { RadioCards } from "./radio-cards";
import type { Problems, SetValue } from "./replay-form-fields";
import { StaleMarker } from "@/components/ui/stale-marker";

const modeChoices = [
  {
    value: "shadow" as const,
    title: "Shadow (recommended)",
    description:
      "Builds a new collection under a new consumer group beside the live one, compares counts and hashes, then swaps it in. The live read model keeps answering all along.",
  },
  {
    value: "in-place" as const,
    title: "In place",
    description: (
      <>
        Drops the read model and rewinds its group to the earliest offsets.{" "}
        <span className="inline-flex items-baseline gap-1 text-amber-800 dark:text-amber-300">
          <TriangleAlert aria-hidden className="size-3.5 shrink-0 translate-y-0.5" />
          The service answers from an empty, then partial, read model until it has caught up.
        </span>
      </>
    ),
  },
];

const keyOf = (p: Pick<ProjectionInfo, "service" | "name">) => `${p.service}/${p.name}`;

function ProjectionsTable({ projections, chosen, choose }: { projections: ProjectionInfo[]; chosen: string; choose: (p: ProjectionInfo) => void }) {
  return (
    <div className="overflow-x-auto rounded-md border border-line">
      <SimpleTable
        columns={[
          { label: "Projection" },
          { label: "Read model" },
          { label: "Consumer group" },
          { label: "Fed from topic" },
          { label: "State" },
          { label: "Last rebuilt" },
        ]}
      >
        {projections.map((p) => {
          const selected = keyOf(p) === chosen;
          return (
            <tr
              key={keyOf(p)}
              className={cn("border-t border-line align-top", selected ? "bg-canvas" : "hover:bg-canvas")}
              data-testid="projection-row"
              // The radio is the control; a click anywhere else on the row (but a link) chooses it too.
              onClick={(event) => {
                if (!(event.target as HTMLElement).closest("a")) choose(p);
              }}
            >
              <td className={cn(textCell, "whitespace-nowrap")}>
                <label className="inline-flex cursor-pointer items-center gap-2">
                  <input type="radio" name="rebuild-projection" checked={selected} onChange={() => choose(p)} aria-label={keyOf(p)} />
                  <span className="font-mono">
                    <span className="text-muted">{p.service}/</span>
                    <span className="font-medium">{p.name}</span>
                  </span>
                </label>
              </td>
              <td className={textCell}>
                <CollectionLink projection={p} />
              </td>
              <td className={textCell}>
                <GroupLink groupId={p.groupId} />
              </td>
              <td className={textCell}>
                <TopicLink topic={p.topic} />
              </td>
              <td className={textCell}>
                <ProjectionState state={p.state} />
                {p.shadow && (
                  <div className="mt-1 text-xs">
                    <span className="text-muted">shadow build: </span>
                    <ShadowBuild projection={p} />
                  </div>
                )}
              </td>
              <td className={cn(textCell, "whitespace-nowrap")}>
                <RebuiltAt iso={p.rebuiltAt} />
              </td>
            </tr>
          );
        })}
      </SimpleTable>
    </div>
  );
}

/** Which projection of which service to rebuild (from GET /api/projections), and how. */
export function RebuildFields({ values, set, problems }: { values: ReplayFormValues; set: SetValue; problems: Problems }) {
  const { data, error, isPending, isFetching, refetch, isRefetchError } = useProjections();
  const chosen = values.service.trim() && values.projection.trim() ? `${values.service.trim()}/${values.projection.trim()}` : "";
  const choose = (p: ProjectionInfo) => {
    if (keyOf(p) === chosen) return;
    set("service", p.service);
    set("projection", p.name);
  };
  const listed = data?.projections.some((p) => keyOf(p) === chosen) ?? true;
  return (
    <div className="space-y-5">
      {/* min-w-0: a fieldset is as wide as its content by default, and long names would push the table out of the card. */}
      <fieldset className="min-w-0 space-y-2">
        <legend className="mb-2 text-sm font-semibold">Projection</legend>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-muted">
            Read models that the services in the console&apos;s <code className="font-mono">SERVICES</code> setting can rebuild from their topic.
          </p>
          <Button onClick={() => void refetch()} disabled={isFetching} className="px-2 py-1 text-xs">
            <RefreshCw aria-hidden className={cn("size-3.5", isFetching && "animate-spin")} /> Ask the services again
          </Button>
        </div>
        <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="the services' projections">
          {data && (
            <div className="space-y-2">
              <StaleMarker stale={isRefetchError} error={error} />
              {data.projections.length > 0 ? (
                <ProjectionsTable projections={data.projections} chosen={chosen} choose={choose} />
              ) : (
                <div className="flex gap-2 rounded-md border border-line p-3 text-sm">
                  <CircleSlash aria-hidden className="mt-0.5 size-4 shrink-0 text-muted" />
                  <p>
                    No projection to rebuild:{" "}
                    {data.unavailable.length > 0 ? "no service listed one (see below)." : "the console's SERVICES setting names no service."} The demo
                    storefront starts with <code className="font-mono">npm run stack -- up services</code>.
                  </p>
                </div>
              )}
              {chosen && !listed && (
                <p className="text-sm text-muted">
                  <span className="font-mono text-ink">{chosen}</span> is not among the projections listed now; the dry run will say why.
                </p>
              )}
              {data.unavailable.length > 0 && (
                <section aria-label="Services without projections" className="rounded-md border border-line text-sm">
                  <h3 className="px-3 pt-2 text-xs font-semibold text-muted">Services that listed no projection</h3>
                  <ul className="divide-y divide-line">
                    {data.unavailable.map((u) => (
                      <li key={u.service} className="flex flex-wrap gap-x-3 px-3 py-1.5" data-testid="unavailable-service">
                        <span className="w-28 shrink-0 font-mono font-medium">{u.service}</span>
                        <span className="min-w-0 flex-1 break-words text-muted">{u.message}</span>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </div>
          )}
        </QueryState>
        {problems.projection && <p className="text-xs text-bad">{problems.projection}</p>}
      </fieldset>
      <RadioCards<RebuildMode> legend="Mode" name="rebuild-mode" choices={modeChoices} value={values.mode} onChange={(mode) => set("mode", mode)} />
    </div>
  );
}
