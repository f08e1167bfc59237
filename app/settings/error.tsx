"use client";

import { AreaError } from "@/components/shell/area-error";

export default function SettingsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <AreaError area="the settings" error={error} reset={reset} />;
}
