"use client";

import { cn } from "@/lib/cn";
import { checkFilter } from "@/lib/kafka/filter";
import { Input } from "@/components/ui/input";

export const messageFilterHelp =
  'key, value, header.<name> or a JSON path (payload.status) with ==, !=, contains, <, >; combine with and, or, not, ( ). Strings in "double quotes".';

/** The message filter language's input, with its help, or the syntax error where the help was (message browser, replay). */
export function MessageFilterInput({
  id,
  value,
  onChange,
  label = "Filter",
  className,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  label?: string;
  className?: string;
}) {
  const problem = value.trim() ? checkFilter(value) : null;
  return (
    <div className={cn("flex flex-col gap-1 text-sm", className)}>
      <label htmlFor={id} className="text-muted">
        {label}
      </label>
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder='payload.status == "rejected" and header.traceId contains "abc"'
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-help`}
        className={cn("py-1 font-mono", problem && "border-bad")}
      />
      <p id={`${id}-help`} className={problem ? "text-xs text-bad" : "text-xs text-muted"}>
        {problem ? problem.message : messageFilterHelp}
      </p>
    </div>
  );
}
