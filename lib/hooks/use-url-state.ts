"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/** A change to the query: a value sets a parameter, null or undefined removes it. */
export type UrlStateChange = Record<string, string | null | undefined>;

/** The query after `change`, as a string without "?": every parameter set or removed in one step. */
export function applyUrlState(current: URLSearchParams | string, change: UrlStateChange): string {
  const next = new URLSearchParams(current);
  for (const [name, value] of Object.entries(change)) {
    if (value === null || value === undefined || value === "") next.delete(name);
    else next.set(name, value);
  }
  return next.toString();
}

/**
 * A view's state in the URL, so it survives a reload and can be shared. `setUrlState` changes
 * several parameters in one navigation: two separate replaces built from the same parameters
 * would each undo the other's change. `updateUrlState` hands out the query to edit freely
 * (repeated parameters, say).
 */
export function useUrlState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const navigate = useCallback((query: string) => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }), [router, pathname]);
  const setUrlState = useCallback((change: UrlStateChange) => navigate(applyUrlState(params, change)), [navigate, params]);
  const updateUrlState = useCallback(
    (edit: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(params);
      edit(next);
      navigate(next.toString());
    },
    [navigate, params],
  );
  return { params, setUrlState, updateUrlState, replaceQuery: navigate };
}
