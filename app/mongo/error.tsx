"use client";

import { AreaError } from "@/components/shell/area-error";

export default function MongoError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <AreaError area="MongoDB" error={error} reset={reset} />;
}
