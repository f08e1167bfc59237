"use client";

import type { CSSProperties } from "react";
import { Toaster as Sonner, toast } from "sonner";
import { ApiError } from "@/lib/api/fetch-json";

// Sonner's own look, fed the console's colour tokens (which already switch between light and dark).
const tokens = {
  "--normal-bg": "var(--color-surface)",
  "--normal-text": "var(--color-ink)",
  "--normal-border": "var(--color-line)",
  "--error-bg": "var(--color-surface)",
  "--error-text": "var(--color-bad)",
  "--error-border": "var(--color-bad)",
} as CSSProperties;

/** Where toasts appear: one per page, mounted in the providers. */
export function Toaster() {
  return <Sonner position="bottom-right" closeButton richColors style={tokens} toastOptions={{ className: "font-sans text-sm" }} />;
}

/**
 * Shows a failed change as a toast: the server's message, with its code and status under it.
 * An aborted request and an ended session (the page reloads into the sign-in form) show nothing.
 */
export function toastError(error: unknown): void {
  if (error instanceof Error && error.name === "AbortError") return;
  if (error instanceof ApiError) {
    if (error.status === 401) return;
    toast.error(error.message, { description: error.status ? `${error.code} · HTTP ${error.status}` : error.code });
    return;
  }
  toast.error(error instanceof Error ? error.message : "The change failed");
}
