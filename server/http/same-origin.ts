import "server-only";
import { AppError } from "./errors";

/**
 * Refuses a browser request sent from another site: a mutation must come from the
 * console's own pages. Requests without Origin or Sec-Fetch-Site (scripts, curl) pass;
 * sign-in and tokens are a separate check.
 */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new AppError("FORBIDDEN", "Cross-site requests cannot change anything");
  const origin = request.headers.get("origin");
  if (origin && new URL(origin).host !== (request.headers.get("host") ?? new URL(request.url).host)) {
    throw new AppError("FORBIDDEN", "Cross-origin requests cannot change anything");
  }
}
