import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** One term and its description in a bordered <dl> list (a summary of a job, a plan, a confirmation). */
export function TermRow({ term, children, className }: { term: string; children: ReactNode; className?: string }) {
  return (
    <div className={cn("grid grid-cols-[8rem_1fr] gap-2 border-t border-line px-3 py-1.5 first:border-t-0", className)}>
      <dt className="text-muted">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}
