"use client";

import { AreaError } from "@/components/shell/area-error";

export default function SystemError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <AreaError area="the system view" error={error} reset={reset} />;
}
