"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { formatCount } from "@/lib/format";
import { partitionsText, rangeText, rewindText } from "@/lib/replay/describe";
import { replayHeaders, type ReplayPlan } from "@/lib/schemas/replay";
import { matchedText } from "./republish-plan-view";
import { TermRow } from "@/components/ui/term-row";

// The dialog is narrower than a page and its rows sit flush with its text.
const dialogRow = "grid-cols-[7rem_1fr] px-0";

/** What starting the replay will write, from the dry run; the confirm button names it again. */
export function ReplayConfirmDialog({
  plan,
  open,
  pending,
  onClose,
  onConfirm,
}: {
  plan: ReplayPlan;
  open: boolean;
  pending: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) {
  if (plan.kind === "reprocess") {
    return (
      <Dialog
        open={open}
        onClose={onClose}
        title="Start this reprocess?"
        description="The group's committed offsets move back; its consumers read the events again when they start."
      >
        <dl className="text-sm">
          <TermRow className={dialogRow} term="Group">
            <span className="font-mono">{plan.groupId}</span> ({plan.state}, {plan.members} active member{plan.members === 1 ? "" : "s"})
          </TermRow>
          <TermRow className={dialogRow} term="Topics">
            {plan.spec.topic ? <span className="font-mono">{plan.spec.topic}</span> : "every topic it has offsets for"}
          </TermRow>
          <TermRow className={dialogRow} term="Rewinds to">
            {rewindText(plan.spec.to)}
          </TermRow>
          <TermRow className={dialogRow} term="Read again">
            <strong>{formatCount(plan.records)}</strong> events in {plan.changes.length} partition{plan.changes.length === 1 ? "" : "s"}
          </TermRow>
        </dl>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" onClick={onConfirm} disabled={pending}>
            {pending ? "Starting…" : `Rewind ${plan.groupId}`}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }
  if (plan.kind === "rebuild") {
    const { projection: p, spec } = plan;
    const shadow = spec.mode === "shadow";
    return (
      <Dialog
        open={open}
        onClose={onClose}
        title="Start this rebuild?"
        description={
          shadow
            ? "The service builds the read model again beside the live one and swaps it in only once it is identical; the old collection and group are then removed."
            : "The read model is dropped at once: until the rebuild catches up, the service answers from an empty, then partial, read model."
        }
      >
        <dl className="text-sm">
          <TermRow className={dialogRow} term="Projection">
            <span className="font-mono">
              {p.service}/{p.name}
            </span>
          </TermRow>
          <TermRow className={dialogRow} term="Read model">
            <span className="font-mono">
              {p.database}.{p.collection}
            </span>
            , <strong data-testid="confirm-documents">{formatCount(plan.documents)}</strong> document{plan.documents === 1 ? "" : "s"} now
          </TermRow>
          <TermRow className={dialogRow} term="Reads">
            <strong data-testid="confirm-count">{formatCount(plan.records)}</strong> event{plan.records === 1 ? "" : "s"} of{" "}
            <span className="font-mono">{p.topic}</span>, from the earliest offsets
          </TermRow>
          <TermRow className={dialogRow} term="Mode">
            {shadow ? "shadow: a new collection and group beside the live ones" : "in place: drop, rewind, consume again"}
          </TermRow>
          <TermRow className={dialogRow} term="Meanwhile">
            {shadow ? "the live read model keeps answering" : <strong className="text-bad">the read model is empty</strong>}
          </TermRow>
        </dl>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" onClick={onConfirm} disabled={pending}>
            {pending ? "Starting…" : shadow ? `Rebuild ${p.name} beside the live one` : `Drop and rebuild ${p.name}`}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }
  if (plan.kind !== "republish") return null;
  const { spec, target } = plan;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Start this replay?"
      description="Events are written exactly once; what is written stays written even if the job is cancelled."
    >
      <dl className="text-sm">
        <TermRow className={dialogRow} term="Reads">
          {partitionsText(spec.source.partitions)} of <span className="font-mono">{spec.source.topic}</span>, {rangeText(spec.source.range)}
        </TermRow>
        <TermRow className={dialogRow} term="Filter">
          {spec.filter ? <code className="font-mono">{spec.filter}</code> : "none: every event"}
        </TermRow>
        <TermRow className={dialogRow} term="Writes">
          <strong data-testid="confirm-count">{matchedText(plan)}</strong> event{plan.matched === 1 ? "" : "s"}
          {plan.exact ? "" : " (estimated)"} to <span className="font-mono">{target.topic}</span>
          {target.exists ? `, ${target.mapping === "same-partition" ? "same partition as read" : "partition by key"}` : " (the topic does not exist)"}
        </TermRow>
        <TermRow className={dialogRow} term="Rate">
          {spec.ratePerSecond ? `at most ${spec.ratePerSecond.toLocaleString("en-US")} events/s` : "unlimited"}
        </TermRow>
        <TermRow className={dialogRow} term="Seen by">
          {plan.consumers.length === 0 ? "no consumer group yet" : plan.consumers.map((c) => c.groupId).join(", ")}, marked with{" "}
          <code className="font-mono">{replayHeaders.job}</code> and <code className="font-mono">{replayHeaders.source}</code>
        </TermRow>
      </dl>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="danger" onClick={onConfirm} disabled={pending}>
          {pending ? "Starting…" : `Write ${matchedText(plan)} event${plan.matched === 1 ? "" : "s"} to ${target.topic}`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
