"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { numericCell, SimpleTable } from "@/components/ui/table";
import { formatCount } from "@/lib/format";
import { usePurgeTopic } from "@/lib/queries/kafka-topic-admin";
import type { TopicDetail } from "@/lib/schemas/kafka";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { InlineError } from "@/components/ui/inline-error";

type Scope = { kind: "all" } | { kind: "partition"; partition: number; offset: string };

function PurgeForm({ topic, onDone }: { topic: TopicDetail; onDone: () => void }) {
  const ids = useId();
  const [scope, setScope] = useState<Scope>({ kind: "all" });
  const preview = usePurgeTopic(topic.name);
  const apply = usePurgeTopic(topic.name);
  const input = (dryRun: boolean) => (scope.kind === "all" ? { dryRun } : { dryRun, offsets: [{ partition: scope.partition, offset: scope.offset }] });
  const previewNow = preview.mutate;
  const scopeKey = JSON.stringify(scope);
  // Every change of scope asks the server again: what is shown is always what would be deleted.
  useEffect(() => {
    if (scope.kind === "partition" && !/^\d+$/.test(scope.offset)) return;
    previewNow(input(true));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- scopeKey stands for scope
  }, [scopeKey, previewNow]);
  const plan = apply.data ?? preview.data;
  const error = apply.error ?? preview.error;
  const total = preview.data?.messagesToDelete ?? "0";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-muted">Partitions</span>
          <Select
            value={scope.kind === "all" ? "all" : String(scope.partition)}
            disabled={!!apply.data}
            onChange={(e) =>
              setScope(
                e.target.value === "all"
                  ? { kind: "all" }
                  : { kind: "partition", partition: Number(e.target.value), offset: topic.partitionDetails[Number(e.target.value)]?.highWatermark ?? "0" },
              )
            }
          >
            <option value="all">All partitions, every message</option>
            {topic.partitionDetails.map((p) => (
              <option key={p.partition} value={p.partition}>
                Partition {p.partition}
              </option>
            ))}
          </Select>
        </label>
        {scope.kind === "partition" && (
          <label className="flex flex-col gap-1">
            <span className="text-muted">Delete messages before offset</span>
            <Input
              id={`${ids}-offset`}
              inputMode="numeric"
              value={scope.offset}
              disabled={!!apply.data}
              onChange={(e) => setScope({ ...scope, offset: e.target.value.trim() })}
              className="w-40 font-mono tabular-nums"
            />
          </label>
        )}
      </div>

      {plan && (
        <SimpleTable
          columns={[
            { label: "Partition", numeric: true },
            { label: "Low", numeric: true },
            { label: "High", numeric: true },
            { label: apply.data ? "Deleted" : "To delete", numeric: true },
            { label: apply.data ? "Low now" : "Low after", numeric: true },
          ]}
        >
          {plan.partitions.map((p) => (
            <tr key={p.partition} className="border-t border-line">
              <td className={numericCell}>{p.partition}</td>
              <td className={numericCell}>{p.lowWatermark}</td>
              <td className={numericCell}>{p.highWatermark}</td>
              <td className={numericCell}>{formatCount(p.messagesToDelete)}</td>
              <td className={numericCell}>{p.lowWatermarkAfter ?? p.deleteBefore}</td>
            </tr>
          ))}
        </SimpleTable>
      )}
      {preview.isPending && !plan && <p className="text-sm text-muted">Counting messages…</p>}
      {error && <InlineError>{error.message}</InlineError>}
      {apply.data && (
        <p role="status" className="text-sm text-ok">
          Deleted {formatCount(apply.data.messagesToDelete)} message{apply.data.messagesToDelete === "1" ? "" : "s"} from {topic.name}.
        </p>
      )}
      <DialogActions>
        {apply.data ? (
          <Button variant="primary" onClick={onDone}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onDone}>Cancel</Button>
            <Button
              variant="danger"
              disabled={!preview.data || preview.isPending || apply.isPending || total === "0"}
              onClick={() => apply.mutate(input(false))}
            >
              {apply.isPending ? "Purging…" : total === "0" ? "Nothing to delete" : `Delete ${formatCount(total)} message${total === "1" ? "" : "s"}`}
            </Button>
          </>
        )}
      </DialogActions>
    </div>
  );
}

/** Purging a topic: a dry run counts the messages per partition first, then one click deletes them. */
export function PurgeTopicDialog({ topic, open, onClose }: { topic: TopicDetail; open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Purge messages of ${topic.name}`}
      description="Deletes the oldest messages up to an offset, for good. The topic, its configs and consumer offsets stay."
      className="w-[min(44rem,calc(100vw-2rem))]"
    >
      <PurgeForm topic={topic} onDone={onClose} />
    </Dialog>
  );
}
