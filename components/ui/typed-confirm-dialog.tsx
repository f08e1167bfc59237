"use client";

import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { InlineError } from "@/components/ui/inline-error";

interface ConfirmProps {
  /** What has to be typed: the name of what is deleted or dropped. */
  name: string;
  consequences: ReactNode;
  /** The button's label, and its label while the change runs. */
  action: string;
  pendingAction?: string;
  pending: boolean;
  error: Error | null;
  onConfirm: (typed: string) => void;
}

/** A deletion or drop: states what is lost and works only once the name is typed. */
export function TypedConfirmDialog({
  open,
  onClose,
  title,
  description = "This cannot be undone.",
  ...form
}: ConfirmProps & { open: boolean; onClose: () => void; title: string; description?: string }) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <ConfirmForm {...form} onCancel={onClose} />
    </Dialog>
  );
}

function ConfirmForm({
  name,
  consequences,
  action,
  pendingAction = "Dropping…",
  pending,
  error,
  onConfirm,
  onCancel,
}: ConfirmProps & { onCancel: () => void }) {
  const id = useId();
  const [typed, setTyped] = useState("");
  const confirmed = typed === name;
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (confirmed) onConfirm(typed);
      }}
    >
      <div className="text-sm">{consequences}</div>
      <div className="space-y-1">
        <label htmlFor={id} className="text-sm">
          Type <span className="rounded bg-canvas px-1 font-mono font-semibold select-all">{name}</span> to confirm
        </label>
        <Input id={id} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} className="w-full font-mono" />
      </div>
      {error && <InlineError>{error.message}</InlineError>}
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="danger" disabled={!confirmed || pending}>
          {pending ? pendingAction : action}
        </Button>
      </DialogActions>
    </form>
  );
}
