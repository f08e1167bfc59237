"use client";

import type { Role } from "@/lib/auth";
import { cn } from "@/lib/cn";
import { useCan, useSession } from "./session";

/**
 * One line in place of a form the user cannot use ("Resetting offsets needs the operator
 * role"), so a missing section does not look like a broken page; nothing for users who can.
 */
export function RoleNote({ role, what, className }: { role: Role; what: string; className?: string }) {
  const can = useCan(role);
  const { readOnly } = useSession();
  if (can) return null;
  return (
    <p className={cn("text-sm text-muted", className)} data-testid="role-note">
      {readOnly ? `${what} is off: the console is read-only.` : `${what} needs the ${role} role.`}
    </p>
  );
}
