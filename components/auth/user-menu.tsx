"use client";

import { LogOut, Settings } from "lucide-react";
import Link from "next/link";
import { useSignOut } from "@/lib/queries/auth";
import { useSession } from "./session";

/** The signed-in user and role, with a sign-out button; nothing while sign-in is off. */
export function UserMenu() {
  const { user, auth } = useSession();
  const signOut = useSignOut();
  if (!user || auth === "off") return null;
  return (
    <div className="flex items-center gap-2 text-sm">
      <span title={`Signed in as ${user.name} (${user.role})`}>
        <span className="font-medium">{user.name}</span> <span className="rounded border border-line px-1.5 py-0.5 text-xs text-muted">{user.role}</span>
      </span>
      {user.role === "admin" && (
        <Link href="/settings" className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-muted hover:bg-canvas hover:text-ink">
          <Settings aria-hidden className="size-4" /> Settings
        </Link>
      )}
      <button
        type="button"
        onClick={() => signOut.mutate()}
        className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-muted hover:bg-canvas hover:text-ink"
      >
        <LogOut aria-hidden className="size-4" /> Sign out
      </button>
    </div>
  );
}

/** Banners for a console that is open to everyone or refuses every change. */
export function SessionBanners() {
  const { auth, readOnly } = useSession();
  return (
    <>
      {auth === "off" && (
        <div role="status" className="border-b border-amber-300 bg-amber-50 px-4 py-1.5 text-sm text-amber-950">
          Sign-in is off (<code className="font-mono">AUTH=off</code>): anyone who can reach this console can change everything.
        </div>
      )}
      {readOnly && (
        <div role="status" className="border-b border-line bg-canvas px-4 py-1.5 text-sm">
          Read-only (<code className="font-mono">READ_ONLY=true</code>): every change is refused.
        </div>
      )}
    </>
  );
}
