import { RefreshCw } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { Button } from "./button";
import { Card } from "./card";

/**
 * An error shown where the thing that failed would be: the backend's reason, and a Retry button when
 * asking again can help. `card` sets it in a card of its own, for an error that stands in for a whole section.
 */
export function InlineError({
  children,
  retry,
  card,
  id,
  className,
}: {
  children: ReactNode;
  retry?: () => void;
  card?: boolean;
  id?: string;
  className?: string;
}) {
  if (!retry && !card) {
    return (
      <p id={id} role="alert" className={cn("text-sm text-bad", className)}>
        {children}
      </p>
    );
  }
  const content = (
    <>
      <p className="text-sm text-bad">{children}</p>
      {retry && (
        <Button onClick={retry}>
          <RefreshCw aria-hidden className="size-4" /> Retry
        </Button>
      )}
    </>
  );
  const layout = cn("flex items-center justify-between gap-4", className);
  return card ? (
    <Card id={id} role="alert" className={layout}>
      {content}
    </Card>
  ) : (
    <div id={id} role="alert" className={layout}>
      {content}
    </div>
  );
}
