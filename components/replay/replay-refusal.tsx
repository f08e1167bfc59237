import { CircleX } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { ApiError } from "@/lib/api/fetch-json";

/** What the server refused and what to do about it, beside the form. */
export function ReplayRefusal({ error, groupId, createTarget }: { error: Error; groupId?: string; createTarget?: ReactNode }) {
  const code = error instanceof ApiError ? error.code : "";
  let next: ReactNode = null;
  if (code === "TOPIC_NOT_FOUND" && createTarget) next = createTarget;
  else if (code === "RANGE_EMPTY") next = <p className="text-muted">Choose a wider range, more partitions or a looser filter, then run the dry run again.</p>;
  else if (code === "GROUP_ACTIVE" && groupId)
    next = (
      <p className="text-muted">
        Stop the group&apos;s consumers, wait until{" "}
        <Link href={`/kafka/groups/${encodeURIComponent(groupId)}`} className="font-mono text-accent hover:underline">
          {groupId}
        </Link>{" "}
        shows no members, then start again.
      </p>
    );
  return (
    <div role="alert" className="flex gap-3 rounded-lg border border-bad/50 bg-surface p-3 text-sm" data-testid="replay-refusal">
      <CircleX aria-hidden className="mt-0.5 size-4 shrink-0 text-bad" />
      <div className="space-y-2">
        <p>
          <strong className="text-bad">{code === "TOPIC_NOT_FOUND" ? "Topic missing" : code === "GROUP_ACTIVE" ? "Group is active" : code === "RANGE_EMPTY" ? "Nothing to replay" : "Refused"}:</strong>{" "}
          {error.message}
        </p>
        {next}
      </div>
    </div>
  );
}
