"use client";

import { AreaError } from "@/components/shell/area-error";

export default function KafkaError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <AreaError area="Kafka" error={error} reset={reset} />;
}
