"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { formatCount } from "@/lib/format";
import { useDeleteTopic } from "@/lib/queries/kafka-topic-admin";
import type { TopicDetail } from "@/lib/schemas/kafka";
import { inputClass } from "./create-topic-form";

function DeleteTopicForm({ topic, onCancel }: { topic: TopicDetail; onCancel: () => void }) {
  const router = useRouter();
  const id = useId();
  const [typed, setTyped] = useState("");
  const remove = useDeleteTopic(topic.name);
  const confirmed = typed === topic.name;
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (confirmed) remove.mutate(typed, { onSuccess: () => router.push("/kafka/topics") });
      }}
    >
      <ul className="list-disc space-y-1 pl-5 text-sm">
        <li>
          {topic.messages === "0" ? "Its" : <>Its <strong>{formatCount(topic.messages)}</strong> retained messages and its</>} <strong>{topic.partitions}</strong> partition
          {topic.partitions === 1 ? " is" : "s are"} deleted for good.
        </li>
        <li>Producers writing to it get errors, or re-create it if the brokers allow automatic topic creation.</li>
        <li>Consumer groups keep their committed offsets for it until they expire.</li>
      </ul>
      <div className="space-y-1">
        <label htmlFor={id} className="text-sm">
          Type <span className="rounded bg-canvas px-1 font-mono font-semibold select-all">{topic.name}</span> to confirm
        </label>
        <input
          id={id}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          className={`${inputClass} w-full font-mono`}
        />
      </div>
      {remove.error && (
        <p role="alert" className="text-sm text-bad">
          {remove.error.message}
        </p>
      )}
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="danger" disabled={!confirmed || remove.isPending}>
          {remove.isPending ? "Deleting…" : "Delete topic"}
        </Button>
      </DialogActions>
    </form>
  );
}

/** Deleting a topic: says what is lost, and needs its name typed before the button works. */
export function DeleteTopicDialog({ topic, open, onClose }: { topic: TopicDetail; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title={`Delete topic ${topic.name}?`} description="This cannot be undone.">
      <DeleteTopicForm topic={topic} onCancel={onClose} />
    </Dialog>
  );
}
