"use client";

import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";

export const inputClass = "rounded-md border border-line bg-surface px-2 py-1.5 text-sm";

/** A drop: states what is lost and works only once the name is typed. */
export function TypedConfirmDialog({
  open,
  onClose,
  title,
  name,
  consequences,
  action,
  pending,
  error,
  onConfirm,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  name: string;
  consequences: ReactNode;
  action: string;
  pending: boolean;
  error: Error | null;
  onConfirm: (typed: string) => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description="This cannot be undone.">
      <ConfirmForm name={name} consequences={consequences} action={action} pending={pending} error={error} onConfirm={onConfirm} onCancel={onClose} />
    </Dialog>
  );
}

function ConfirmForm({
  name,
  consequences,
  action,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  name: string;
  consequences: ReactNode;
  action: string;
  pending: boolean;
  error: Error | null;
  onConfirm: (typed: string) => void;
  onCancel: () => void;
}) {
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
        <input id={id} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} className={`${inputClass} w-full font-mono`} />
      </div>
      {error && (
        <p role="alert" className="text-sm text-bad">
          {error.message}
        </p>
      )}
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="danger" disabled={!confirmed || pending}>
          {pending ? "Dropping…" : action}
        </Button>
      </DialogActions>
    </form>
  );
}
