import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";
import { inputClass } from "./input";

/** A native select with the console's input look (the browser's own list keeps it keyboard- and screen-reader-friendly). */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(inputClass, className)} {...props} />;
}
