"use client";

import { ChevronDown } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { inputClass } from "@/components/ui/input";
import { cn } from "@/lib/cn";

/** A multi-select of a variable's values: a button that opens a list of checkboxes. */
export function VariablePicker({
  label,
  values,
  selected,
  multi,
  loading,
  error,
  onChange,
}: {
  label: string;
  values: readonly string[];
  selected: readonly string[];
  multi: boolean;
  loading: boolean;
  error?: string;
  onChange: (values: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);
  const summary = loading
    ? "loading…"
    : error
      ? "unavailable"
      : selected.length === 0
        ? "All"
        : selected.length <= 2
          ? selected.join(", ")
          : `${selected.length} selected`;
  const toggle = (value: string) => onChange(multi ? (selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]) : [value]);
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
        title={error}
        className={cn(inputClass, "flex items-center gap-1.5")}
      >
        <span className="text-muted">{label}</span>
        <span className={cn("max-w-64 truncate font-medium", error && "text-bad")} data-testid={`variable-${label}`}>
          {summary}
        </span>
        <ChevronDown aria-hidden className="size-4 text-muted" />
      </button>
      {open && (
        <fieldset id={listId} className="absolute z-20 mt-1 max-h-72 min-w-56 overflow-y-auto rounded-md border border-line bg-surface p-1 shadow-md">
          <legend className="sr-only">{label}</legend>
          {values.length === 0 && <p className="px-2 py-1 text-sm text-muted">No values in this range.</p>}
          {values.map((value) => (
            <label key={value} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-canvas">
              <input type={multi ? "checkbox" : "radio"} name={listId} checked={selected.includes(value)} onChange={() => toggle(value)} />
              <span className="font-mono">{value}</span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
