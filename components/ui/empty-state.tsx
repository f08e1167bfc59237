import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { Card } from "./card";

/** An empty list or result: what is (not) there and what to do next, with an optional action. */
export function EmptyState({ icon: Icon, children, action, className }: { icon?: LucideIcon; children: ReactNode; action?: ReactNode; className?: string }) {
  return (
    <Card className={cn("flex flex-col items-start gap-3 text-sm", Icon && "p-6", className)}>
      {Icon && <Icon aria-hidden className="size-6 text-muted" />}
      <div className="text-muted">{children}</div>
      {action}
    </Card>
  );
}
