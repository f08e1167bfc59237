import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** The look every text field, number field and select shares; later classes (width, `font-mono`, `py-1`) override it. */
export const inputClass = "rounded-md border border-line bg-surface px-2 py-1.5 text-sm";

/** A text, number or date input with the console's look. */
export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(inputClass, className)} {...props} />;
}

/** A multi-line input with the same look. */
export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(inputClass, className)} {...props} />;
}
