"use client";

import { AreaError } from "@/components/shell/area-error";

export default function ReplayError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <AreaError area="the replays" error={error} reset={reset} />;
}
