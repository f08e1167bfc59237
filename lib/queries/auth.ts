import { useMutation } from "@tanstack/react-query";
import type { z } from "zod";
import { apiCall } from "@/lib/api/client";
import type { signInSchema } from "@/lib/schemas/auth";

/** Signs a local user in (the session cookie is set by the answer); the page then loads again as that user. */
export function useSignIn() {
  return useMutation({
    mutationFn: (credentials: z.input<typeof signInSchema>) => apiCall("POST /api/auth/signin", { body: credentials }),
    onSuccess: () => window.location.reload(),
    // The form says why beside its fields (wrong password, too many tries); a toast would say it twice.
    meta: { errorToast: false },
  });
}

/** Ends the session; the page loads again (into the sign-in form) whether or not the server could be told. */
export function useSignOut() {
  return useMutation({
    mutationFn: () => apiCall("POST /api/auth/signout"),
    onSettled: () => window.location.reload(),
    meta: { errorToast: false },
  });
}
