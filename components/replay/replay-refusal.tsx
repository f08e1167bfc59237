import { CircleX } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { ApiError } from "@/lib/api/fetch-json";

const titles: Partial<Record<string, string>> = {
  TOPIC_NOT_FOUND: "Topic missing",
  GROUP_ACTIVE: "Group is active",
  RANGE_EMPTY: "Nothing to replay",
  CONFLICT: "Already running",
  SERVICE_UNAVAILABLE: "Service unavailable",
  NOT_FOUND: "Not found",
};

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
  else if (code === "CONFLICT")
    next = (
      <p className="text-muted">
        A rebuild job may be running: follow it among the{" "}
        <Link href="/replay?state=running" className="text-accent hover:underline">
          running replay jobs
        </Link>{" "}
        and run the dry run again once it has finished. A shadow build left by a cancelled job stays in the service until the service drops it (or restarts).
      </p>
    );
  else if (code === "SERVICE_UNAVAILABLE")
    next = <p className="text-muted">Check that the service runs at the address the console&apos;s SERVICES setting gives it, then run the dry run again.</p>;
  return (
    <div role="alert" className="flex gap-3 rounded-lg border border-bad/50 bg-surface p-3 text-sm" data-testid="replay-refusal">
      <CircleX aria-hidden className="mt-0.5 size-4 shrink-0 text-bad" />
      <div className="space-y-2">
        <p>
          <strong className="text-bad">{titles[code] ?? "Refused"}:</strong> {error.message}
        </p>
        {next}
      </div>
    </div>
  );
}
