import "server-only";
import { promqlErrorPosition } from "@/lib/metrics/promql";
import { AppError, errorMessage } from "../http/errors";
import { getConfig } from "../config";
import { timedBackendCall } from "../metrics/registry";

/** Where Prometheus's parser points in a query (kept here for existing callers). */
export const parsePromqlPosition = promqlErrorPosition;

interface PrometheusEnvelope<T> {
  status: "success" | "error";
  data?: T;
  errorType?: string;
  error?: string;
}

/**
 * One GET against the Prometheus HTTP API v1 (`path` below `/api/v1/`), with the
 * configured timeout. Query errors become 400s; an unreachable server a 503.
 */
export async function prometheusGet<T>(path: string, params: Record<string, string> = {}): Promise<T> {
  const { PROMETHEUS_URL, BACKEND_TIMEOUT_MS } = getConfig();
  const url = new URL(`api/v1/${path}`, PROMETHEUS_URL.endsWith("/") ? PROMETHEUS_URL : `${PROMETHEUS_URL}/`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  // Prometheus stops evaluating once the console has given up on the answer.
  if (path === "query" || path === "query_range") url.searchParams.set("timeout", `${BACKEND_TIMEOUT_MS / 1000}s`);
  return timedBackendCall("prometheus", path.split("/")[0] ?? path, async () => {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(BACKEND_TIMEOUT_MS), cache: "no-store" });
    } catch (error) {
      if (error instanceof Error && error.name === "TimeoutError") {
        throw new AppError("TIMEOUT", `Prometheus did not answer within ${BACKEND_TIMEOUT_MS} ms`);
      }
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : errorMessage(error);
      throw new AppError("PROMETHEUS_UNAVAILABLE", `Prometheus is unavailable: ${cause}`);
    }
    const body = (await response.json().catch(() => undefined)) as PrometheusEnvelope<T> | undefined;
    if (body?.status === "success" && body.data !== undefined) return body.data;
    if (body?.errorType === "bad_data") {
      const position = parsePromqlPosition(body.error ?? "");
      throw new AppError("BAD_REQUEST", `Prometheus: ${body.error}`, position ? { position } : undefined);
    }
    throw new AppError("PROMETHEUS_ERROR", `Prometheus answered ${response.status}${body?.error ? `: ${body.error}` : ""}`);
  });
}

/** The server's version (one round trip). */
export async function fetchPrometheusBuildInfo(): Promise<{ version: string }> {
  const info = await prometheusGet<{ version: string }>("status/buildinfo");
  return { version: info.version };
}
