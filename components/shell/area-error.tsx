"use client";

import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";
import { InlineError } from "@/components/ui/inline-error";

/**
 * What an area's error.tsx shows when one of its pages fails to render: the reason (in production a
 * server error's message is withheld, so its digest stands in) and a Retry that renders the page again,
 * on the server too.
 */
export function AreaError({ area, error, reset }: { area: string; error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  useEffect(() => console.error(error), [error]);
  const reason = error.digest ? `the server failed (reference ${error.digest})` : error.message;
  return (
    <div className="mx-auto max-w-6xl" aria-busy={retrying || undefined}>
      <InlineError
        card
        retry={() =>
          startRetry(() => {
            router.refresh();
            reset();
          })
        }
      >
        Could not show {area}: {reason}
      </InlineError>
    </div>
  );
}
