import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export interface HeadColumn {
  label: string;
  /** Numbers are right-aligned, like their cells. */
  numeric?: boolean;
}

/** Class for a cell holding a number, an offset or an id: right-aligned, monospace, tabular. */
export const numericCell = "px-3 py-1.5 text-right font-mono tabular-nums whitespace-nowrap";
export const textCell = "px-3 py-1.5";

/** A compact table with a header row of column labels; rows come as children. */
export function SimpleTable({ columns, className, children }: { columns: HeadColumn[]; className?: string; children: ReactNode }) {
  return (
    <table className={cn("w-full text-sm", className)}>
      <thead className="text-muted">
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={cn("px-3 py-1.5 font-medium", column.numeric ? "text-right" : "text-left")}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
