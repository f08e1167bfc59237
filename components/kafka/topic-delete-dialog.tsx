"use client";

import { useRouter } from "next/navigation";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { formatCount } from "@/lib/format";
import { useDeleteTopic } from "@/lib/queries/kafka-topic-admin";
import type { TopicDetail } from "@/lib/schemas/kafka";

/** Deleting a topic: says what is lost, and needs its name typed before the button works. */
export function DeleteTopicDialog({ topic, open, onClose }: { topic: TopicDetail; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const remove = useDeleteTopic(topic.name);
  return (
    <TypedConfirmDialog
      open={open}
      onClose={() => {
        remove.reset(); // a refusal is not shown again on the next opening
        onClose();
      }}
      title={`Delete topic ${topic.name}?`}
      name={topic.name}
      consequences={
        <ul className="list-disc space-y-1 pl-5">
          <li>
            {topic.messages === "0" ? (
              "Its"
            ) : (
              <>
                Its <strong>{formatCount(topic.messages)}</strong> retained messages and its
              </>
            )}{" "}
            <strong>{topic.partitions}</strong> partition
            {topic.partitions === 1 ? " is" : "s are"} deleted for good.
          </li>
          <li>Producers writing to it get errors, or re-create it if the brokers allow automatic topic creation.</li>
          <li>Consumer groups keep their committed offsets for it until they expire.</li>
        </ul>
      }
      action="Delete topic"
      pendingAction="Deleting…"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={(typed) => remove.mutate(typed, { onSuccess: () => router.push("/kafka/topics") })}
    />
  );
}
