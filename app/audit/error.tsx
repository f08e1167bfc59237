"use client";

import { AreaError } from "@/components/shell/area-error";

export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <AreaError area="the audit log" error={error} reset={reset} />;
}
