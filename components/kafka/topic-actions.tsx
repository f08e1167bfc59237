"use client";

import { Eraser, Plus, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useAddPartitions } from "@/lib/queries/kafka-topic-admin";
import type { TopicDetail } from "@/lib/schemas/kafka";
import { DeleteTopicDialog } from "./topic-delete-dialog";
import { PurgeTopicDialog } from "./topic-purge-dialog";
import { Input } from "@/components/ui/input";
import { InlineError } from "@/components/ui/inline-error";

function AddPartitionsForm({ topic, onDone }: { topic: TopicDetail; onDone: () => void }) {
  const id = useId();
  const [count, setCount] = useState(String(topic.partitions + 1));
  const add = useAddPartitions(topic.name);
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate(Number(count), { onSuccess: onDone });
      }}
    >
      <div className="space-y-1">
        <label htmlFor={id} className="text-sm font-medium">
          Partitions after the change
        </label>
        <Input
          id={id}
          type="number"
          min={topic.partitions + 1}
          max={10000}
          required
          value={count}
          onChange={(e) => setCount(e.target.value)}
          aria-describedby={`${id}-hint`}
          className="w-40 font-mono tabular-nums"
        />
        <p id={`${id}-hint`} className="text-xs text-muted">
          Now {topic.partitions}. Partitions can only be added. Keyed messages hash over the new count, so a key may land on a different partition from now on,
          and its order across the change is not kept.
        </p>
      </div>
      {add.error && <InlineError>{add.error.message}</InlineError>}
      <DialogActions>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add partitions"}
        </Button>
      </DialogActions>
    </form>
  );
}

type Open = "partitions" | "purge" | "delete" | null;

/** What an admin can do to a topic (adding partitions, purging and deleting all need admin); Kafka's internal topics are left alone. */
export function TopicActions({ topic }: { topic: TopicDetail }) {
  const [open, setOpen] = useState<Open>(null);
  const isAdmin = useCan("admin");
  const close = () => setOpen(null);
  if (topic.internal) return <p className="text-sm text-muted">Internal topic, managed by Kafka: it cannot be changed here.</p>;
  if (!isAdmin) return null;
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Topic actions">
      <Button onClick={() => setOpen("partitions")}>
        <Plus aria-hidden className="size-4" /> Add partitions
      </Button>
      <Button onClick={() => setOpen("purge")} className="text-bad">
        <Eraser aria-hidden className="size-4" /> Purge messages
      </Button>
      <Button variant="danger" onClick={() => setOpen("delete")}>
        <Trash2 aria-hidden className="size-4" /> Delete topic
      </Button>
      <Dialog open={open === "partitions"} onClose={close} title={`Add partitions to ${topic.name}`}>
        <AddPartitionsForm topic={topic} onDone={close} />
      </Dialog>
      <PurgeTopicDialog topic={topic} open={open === "purge"} onClose={close} />
      <DeleteTopicDialog topic={topic} open={open === "delete"} onClose={close} />
    </div>
  );
}
