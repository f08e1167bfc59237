"use client";

import { AreaError } from "@/components/shell/area-error";

export default function MetricsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <AreaError area="the metrics" error={error} reset={reset} />;
}
