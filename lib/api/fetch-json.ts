import { csrfHeader } from "@/lib/auth";

/** An API answer that was not 2xx, carrying the server's error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Fetches JSON from the console's API; throws ApiError with the server's reason when the answer is not 2xx. Callers use lib/api/client.ts (apiCall), which builds the URL and body from an operation's declaration. */
export async function fetchJson<T>(input: string, init?: RequestInit): Promise<T> {
  let response: Response;
  const method = (init?.method ?? "GET").toUpperCase();
  // Every change carries the CSRF header the server requires (a cross-site page cannot send it).
  const csrf: Record<string, string> = method === "GET" || method === "HEAD" ? {} : { [csrfHeader]: "1" };
  try {
    response = await fetch(input, { ...init, headers: { accept: "application/json", ...csrf, ...init?.headers } });
  } catch {
    throw new ApiError(0, "NETWORK", "The console's server cannot be reached");
  }
  if (!response.ok) throw await readError(response, input);
  return (await response.json().catch(() => undefined)) as T;
}

/** The ApiError a non-2xx answer carries (the server's code and message); a 401 outside sign-in reloads the page, which then shows the sign-in form. */
export async function readError(response: Response, url: string): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  // The session ended (expired, or signed out in another tab): the page shows the sign-in form again.
  if (response.status === 401 && !url.startsWith("/api/auth/") && typeof window !== "undefined") window.location.reload();
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return new ApiError(response.status, error?.code ?? "HTTP_ERROR", error?.message ?? `HTTP ${response.status}`);
}
