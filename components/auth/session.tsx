"use client";

import { createContext, useContext, type ReactNode } from "react";
import { roleAtLeast, type Role, type SessionInfo } from "@/lib/auth";

const SessionContext = createContext<SessionInfo>({ user: null, auth: "local", readOnly: false });

/** The session the server saw when it rendered the page: who is signed in, with which role. */
export function SessionProvider({ session, children }: { session: SessionInfo; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionInfo {
  return useContext(SessionContext);
}

/** Whether the signed-in user may do what needs `role` (never in read-only mode). The server checks again; this only hides what would be refused. */
export function useCan(role: Role): boolean {
  const { user, readOnly } = useSession();
  return !readOnly && user !== null && roleAtLeast(user.role, role);
}

/** Renders its children only for users with at least `role` (and not in read-only mode). */
export function Can({ role, children }: { role: Role; children: ReactNode }) {
  return useCan(role) ? <>{children}</> : null;
}
