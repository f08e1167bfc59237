import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export interface RadioCard<T extends string> {
  value: T;
  title: ReactNode;
  description: ReactNode;
}

/** A choice among a few options, each a card with a title and what it means (the kind of replay, a rebuild's mode). */
export function RadioCards<T extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
  className,
}: {
  legend: string;
  name: string;
  choices: Array<RadioCard<T>>;
  value: T;
  onChange: (value: T) => void;
  className?: string;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold">{legend}</legend>
      <div className={cn("grid gap-2 sm:grid-cols-2", className)}>
        {choices.map((choice) => (
          <label
            key={choice.value}
            className={cn(
              "flex cursor-pointer gap-2 rounded-md border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent",
              value === choice.value ? "border-accent bg-canvas" : "border-line hover:bg-canvas",
            )}
          >
            <input type="radio" name={name} value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} className="mt-0.5" />
            <span>
              <span className="block font-medium">{choice.title}</span>
              <span className="block text-muted">{choice.description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
