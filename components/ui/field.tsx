"use client";

import { useId, type ReactNode } from "react";
import { cn } from "@/lib/cn";

/** What a control inside a Field spreads onto itself so its label, help and error reach assistive technology. */
export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

/**
 * A labelled control with its help text, or its error in place of the help. The control comes from a
 * render function that receives the id the label points at and the id of the note under it.
 */
export function Field({
  label,
  help,
  error,
  className,
  children,
}: {
  label: ReactNode;
  help?: ReactNode;
  error?: ReactNode;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error || help;
  return (
    <div className={cn("flex flex-col gap-1 text-sm", className)}>
      <label htmlFor={id} className="text-muted">
        {label}
      </label>
      {children({ id, "aria-describedby": note ? noteId : undefined, "aria-invalid": error ? true : undefined })}
      {note && (
        <p id={noteId} className={error ? "text-xs text-bad" : "text-xs text-muted"}>
          {note}
        </p>
      )}
    </div>
  );
}
