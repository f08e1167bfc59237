import "server-only";
import type { ProjectionInfo } from "@/lib/schemas/replay";
import { getConfig } from "../config";
import { AppError } from "../http/errors";

const timeoutMs = 5_000;

function serviceUrl(service: string): string {
  const found = getConfig().SERVICES.find((s) => s.name === service);
  if (!found)
    throw new AppError(
      "NOT_FOUND",
      `No service "${service}" in the console's SERVICES setting (known: ${
        getConfig()
          .SERVICES.map((s) => s.name)
          .join(", ") || "none"
      })`,
    );
  return found.url;
}

/** One call to a service's admin API; the service's own error message comes back as a 502 or its 409. */
async function callService<T>(service: string, method: "GET" | "POST" | "DELETE", path: string, timeout = timeoutMs): Promise<T> {
  const url = `${serviceUrl(service)}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      signal: AbortSignal.timeout(timeout),
      headers: method === "GET" ? {} : { "content-type": "application/json" },
      body: method === "GET" ? undefined : "{}",
    });
  } catch (error) {
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      `Service "${service}" did not answer ${method} ${path}: ${(error as Error).name === "TimeoutError" ? `no answer within ${timeout} ms` : "unreachable"}`,
    );
  }
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } | string; message?: string } | null;
  if (response.status === 404 && method === "GET") throw new AppError("NOT_FOUND", `Service "${service}" has no ${path}`);
  if (!response.ok) {
    const said = typeof body?.error === "object" ? body.error.message : (body?.message ?? body?.error);
    throw new AppError(
      response.status === 409 ? "CONFLICT" : "SERVICE_ERROR",
      `Service "${service}" refused ${method} ${path}: ${said ?? `HTTP ${response.status}`}`,
    );
  }
  return body as T;
}

/** Every projection the configured services expose; a service that does not answer is listed with its error. */
export async function listProjections(): Promise<{ projections: ProjectionInfo[]; unavailable: Array<{ service: string; message: string }> }> {
  const answers = await Promise.all(
    getConfig().SERVICES.map(async ({ name }) => {
      try {
        const { projections } = await callService<{ projections: Array<Omit<ProjectionInfo, "service">> }>(name, "GET", "/admin/projections", 2_000);
        return { projections: projections.map((p) => ({ service: name, ...p })), unavailable: [] };
      } catch (error) {
        // A service without /admin/projections simply has none to rebuild.
        if (error instanceof AppError && error.status === 404) return { projections: [], unavailable: [] };
        return { projections: [], unavailable: [{ service: name, message: (error as Error).message }] };
      }
    }),
  );
  return { projections: answers.flatMap((a) => a.projections), unavailable: answers.flatMap((a) => a.unavailable) };
}

export async function describeProjection(service: string, name: string): Promise<ProjectionInfo> {
  const { projections } = await callService<{ projections: Array<Omit<ProjectionInfo, "service">> }>(service, "GET", "/admin/projections");
  const found = projections.find((p) => p.name === name);
  if (!found)
    throw new AppError("NOT_FOUND", `Service "${service}" has no projection "${name}" (it has: ${projections.map((p) => p.name).join(", ") || "none"})`);
  return { service, ...found };
}

const path = (name: string, rest = "") => `/admin/projections/${encodeURIComponent(name)}${rest}`;

export const projectionAdmin = {
  rebuildInPlace: (service: string, name: string) => callService<unknown>(service, "POST", path(name, "/rebuild"), 60_000),
  startShadow: (service: string, name: string) => callService<Omit<ProjectionInfo, "service">>(service, "POST", path(name, "/shadow"), 30_000),
  swapShadow: (service: string, name: string) => callService<Omit<ProjectionInfo, "service">>(service, "POST", path(name, "/shadow/swap"), 30_000),
  dropShadow: (service: string, name: string) => callService<Omit<ProjectionInfo, "service">>(service, "DELETE", path(name, "/shadow"), 30_000),
};
