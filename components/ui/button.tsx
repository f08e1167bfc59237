import type { ButtonHTMLAttributes } from "react";
import { cn } from "@/lib/cn";

const variants = {
  default: "border border-line bg-surface hover:bg-canvas",
  primary: "bg-accent text-white hover:opacity-90",
  danger: "bg-bad text-white hover:opacity-90",
} as const;

export function Button({
  className,
  variant = "default",
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }) {
  return (
    <button
      type={type}
      className={cn("inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50", variants[variant], className)}
      {...props}
    />
  );
}
