"use client";

import { AreaError } from "@/components/shell/area-error";

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <AreaError area="this page" error={error} reset={reset} />;
}
