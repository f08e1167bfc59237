"use client";

import { LogIn } from "lucide-react";
import { useSearchParams } from "next/navigation";
import type { FormEvent, MouseEvent } from "react";
import { apiUrl } from "@/lib/api/client";
import { ApiError } from "@/lib/api/fetch-json";
import { useSignIn } from "@/lib/queries/auth";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { InlineError } from "@/components/ui/inline-error";

/**
 * The sign-in form, shown instead of any page while nobody is signed in. After signing in
 * the same URL loads again, so a shared link lands where it points.
 */
export function SignInScreen({ auth, cluster }: { auth: "local" | "oidc"; cluster: string }) {
  const signIn = useSignIn();
  const formError = signIn.error ? (signIn.error instanceof ApiError ? signIn.error.message : "Signing in failed") : null;
  // A refused sign-in through the identity provider comes back with its reason in the URL.
  const providerError = useSearchParams().get("signin_error");
  const error = formError ?? providerError;
  // Signed in, the page is loading again: the button stays busy until it has.
  const busy = signIn.isPending || signIn.isSuccess;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate({ username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") });
  }

  function startProviderSignIn(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.delete("signin_error");
    // A full page load: the API route answers with a redirect to the identity provider.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- an API route that redirects away, not a page
    window.location.assign(`${url.origin}${apiUrl("GET /api/auth/oidc/start", { query: { returnTo: url.pathname + url.search } })}`);
  }
  return (
    <main className="flex min-h-screen items-center justify-center bg-canvas p-6">
      <div className="w-full max-w-sm rounded-lg border border-line bg-surface p-6 shadow-sm">
        <h1 className="text-lg font-semibold tracking-tight">Sign in to Eventdeck</h1>
        <p className="mt-1 text-sm text-muted">
          Cluster <span className="font-mono">{cluster}</span>
        </p>
        {auth === "oidc" && error && <InlineError className="mt-4 rounded-md border border-bad/30 bg-bad/5 px-3 py-2">{error}</InlineError>}
        {auth === "oidc" ? (
          <a
            href={apiUrl("GET /api/auth/oidc/start")}
            onClick={startProviderSignIn}
            className="mt-6 inline-flex w-full items-center justify-center gap-2 rounded-md bg-accent px-3 py-2 text-sm font-medium text-white hover:opacity-90"
          >
            <LogIn aria-hidden className="size-4" /> Sign in with your identity provider
          </a>
        ) : (
          <form onSubmit={submit} className="mt-6 space-y-4">
            <label className="block text-sm">
              <span className="font-medium">User name</span>
              <Input name="username" autoComplete="username" required autoFocus className="mt-1 w-full px-2.5" />
            </label>
            <label className="block text-sm">
              <span className="font-medium">Password</span>
              <Input name="password" type="password" autoComplete="current-password" required className="mt-1 w-full px-2.5" />
            </label>
            {error && <InlineError className="rounded-md border border-bad/30 bg-bad/5 px-3 py-2">{error}</InlineError>}
            <Button type="submit" variant="primary" disabled={busy} className="w-full justify-center">
              <LogIn aria-hidden className="size-4" /> {busy ? "Signing in…" : "Sign in"}
            </Button>
            <p className="text-xs text-muted">
              Users live in the console&apos;s users file; an administrator adds one with{" "}
              <code className="font-mono">npm run user -- add &lt;name&gt; &lt;role&gt;</code>.
            </p>
          </form>
        )}
      </div>
    </main>
  );
}
