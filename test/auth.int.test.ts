import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { hashSync } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { roleAtLeast, type Role } from "@/lib/auth";
import { sendRoute } from "./support/route-call";
import { uniqueName } from "./support/stack";

// Sign-in on, with three local users; this file only calls route handlers, as the server would.
const dir = mkdtempSync(join(tmpdir(), "eventdeck-auth-"));
const usersFile = join(dir, "users.json");
const passwords: Record<Role, string> = { viewer: "viewer password 1", operator: "operator password 2", admin: "admin password 3" };
writeFileSync(
  usersFile,
  JSON.stringify({ users: (Object.keys(passwords) as Role[]).map((role) => ({ username: `it-${role}`, role, passwordHash: hashSync(passwords[role]) })) }),
);
vi.stubEnv("AUTH", "local");
vi.stubEnv("AUTH_USERS_FILE", usersFile);
vi.stubEnv("SESSION_SECRET", "an integration test secret of more than 32 characters");
vi.stubEnv("SENSITIVE_COLLECTIONS", "itsecret.*");
vi.stubEnv("CONSOLE_DATABASE", uniqueName("it-auth").replace(/-/g, "_"));
const resetConfig = () => ((globalThis as { eventdeckConfig?: unknown }).eventdeckConfig = undefined);
resetConfig();

const { apiOperations } = await import("@/lib/api/operations");
const accessRules: Record<string, { role: Role | "public" }> = Object.fromEntries(
  Object.entries(apiOperations).map(([key, operation]) => [key, operation.access]),
);
const { listAudit } = await import("@/server/audit/audit");
const signIn = await import("@/app/api/auth/signin/route");
const signOut = await import("@/app/api/auth/signout/route");
const session = await import("@/app/api/auth/session/route");

type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const root = join(import.meta.dirname, "..");

/** Every app/api route file with its pattern (as the route wrapper names it) and exported handlers. */
async function apiRoutes(): Promise<Array<{ pattern: string; method: string; handler: Handler; file: string }>> {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry === "route.ts") files.push(path);
    }
  };
  walk(join(root, "app", "api"));
  const routes = [];
  for (const file of files.sort()) {
    const pattern = `/${relative(join(root, "app"), join(file, "..")).split("\\").join("/")}`;
    const handlers = (await import(file)) as Record<string, unknown>;
    for (const method of methods) if (typeof handlers[method] === "function") routes.push({ pattern, method, handler: handlers[method] as Handler, file });
  }
  return routes;
}

/** Harmless values for path parameters: nothing by these names exists. */
const dummy: Record<string, unknown> = {
  topic: "it-matrix-no-such-topic",
  group: "it-matrix-no-such-group",
  broker: "999",
  db: "itmatrix",
  collection: "nothing",
  id: "rp-matrix-000000",
  partition: "0",
  offset: "0",
  name: "no_such_index",
  action: "pause",
  path: ["label", "__name__", "values"],
};

async function call(
  handler: Handler,
  method: string,
  pattern: string,
  cookie: string | null,
  extra: { headers?: Record<string, string>; body?: string; params?: Record<string, unknown> } = {},
): Promise<Response> {
  const params = extra.params ?? Object.fromEntries([...pattern.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map(([, name]) => [name!, dummy[name!] ?? "x"]));
  const path = pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) =>
    Array.isArray(params[name]) ? (params[name] as string[]).join("/") : String(params[name]),
  );
  // Changes carry a body that is not JSON: whatever the role, nothing can be written by accident.
  return sendRoute(handler, method, path, {
    params,
    headers: { ...(cookie ? { cookie } : {}), ...extra.headers },
    body: method !== "GET" ? (extra.body ?? "{not json") : undefined,
    signal: AbortSignal.timeout(20_000),
  });
}

async function cookieFor(role: Role): Promise<string> {
  const response = await call(signIn.POST as Handler, "POST", "/api/auth/signin", null, {
    body: JSON.stringify({ username: `it-${role}`, password: passwords[role] }),
  });
  expect(response.status).toBe(200);
  const setCookie = response.headers.get("set-cookie")!;
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Lax/);
  return setCookie.split(";")[0]!;
}

const cookies = {} as Record<Role, string>;
beforeAll(async () => {
  for (const role of ["viewer", "operator", "admin"] as const) cookies[role] = await cookieFor(role);
});

afterAll(() => {
  vi.unstubAllEnvs();
  resetConfig();
});

describe("sign-in", () => {
  it("starts a session with the right password only, and the session names user and role", async () => {
    const wrong = await call(signIn.POST as Handler, "POST", "/api/auth/signin", null, { body: JSON.stringify({ username: "it-admin", password: "not it" }) });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(await wrong.json())).not.toContain("not it");
    const unknown = await call(signIn.POST as Handler, "POST", "/api/auth/signin", null, { body: JSON.stringify({ username: "nobody", password: "x" }) });
    expect(unknown.status).toBe(401);

    const me = await (await call(session.GET as Handler, "GET", "/api/auth/session", cookies.operator)).json();
    expect(me).toEqual({ user: { name: "it-operator", role: "operator" }, auth: "local", readOnly: false });
    const tampered = cookies.operator.slice(0, -4) + "AAAA";
    expect((await (await call(session.GET as Handler, "GET", "/api/auth/session", tampered)).json()).user).toBeNull();
    const anonymous = await (await call(session.GET as Handler, "GET", "/api/auth/session", null)).json();
    expect(anonymous.user).toBeNull();

    const out = await call(signOut.POST as Handler, "POST", "/api/auth/signout", cookies.operator);
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
  });

  it("limits failed sign-ins per account: the sixth try within 5 minutes gets 429 with Retry-After, even with the right password", async () => {
    const attempt = (password: string) =>
      call(signIn.POST as Handler, "POST", "/api/auth/signin", null, { body: JSON.stringify({ username: "it-viewer", password }) });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong ${i}`)).status).toBe(401);
    const limited = await attempt(passwords.viewer);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const audit = await listAudit({ action: "auth.signin", target: "it-viewer", limit: 10 });
    expect(audit[0]).toMatchObject({ outcome: "refused", details: { reason: "rate limited" } });
  });
});

describe("every API operation × role", () => {
  it("has an access rule for every handler, and no rule without a handler", async () => {
    const routes = await apiRoutes();
    const keys = routes.map((r) => `${r.method} ${r.pattern}`);
    expect(keys.filter((key) => !accessRules[key])).toEqual([]);
    expect(Object.keys(accessRules).filter((key) => !keys.includes(key) && !key.includes("/oidc/"))).toEqual([]);
  });

  it("answers 401 without a session, 403 below the rule's role and neither at or above it", async () => {
    const routes = await apiRoutes();
    const failures: string[] = [];
    for (const { pattern, method, handler } of routes) {
      const rule = accessRules[`${method} ${pattern}`]!;
      for (const who of ["anonymous", "viewer", "operator", "admin"] as const) {
        const response = await call(handler, method, pattern, who === "anonymous" ? null : cookies[who]);
        await response.body?.cancel().catch(() => undefined);
        const expected = rule.role === "public" ? "allowed" : who === "anonymous" ? 401 : roleAtLeast(who, rule.role) ? "allowed" : 403;
        const ok = expected === "allowed" ? response.status !== 401 && response.status !== 403 : response.status === expected;
        if (!ok) failures.push(`${method} ${pattern} as ${who}: ${response.status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});

describe("changes", () => {
  const topics = async () => (await import("@/app/api/kafka/topics/route")).POST as unknown as Handler;

  it("need the CSRF header and a same-origin request, whatever the role", async () => {
    const noHeader = await call(await topics(), "POST", "/api/kafka/topics", cookies.admin, { headers: { "x-eventdeck-csrf": "" } });
    expect(noHeader.status).toBe(403);
    expect((await noHeader.json()).error.message).toMatch(/x-eventdeck-csrf/);
    const crossSite = await call(await topics(), "POST", "/api/kafka/topics", cookies.admin, {
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
  });

  it("are audited with who tried them and how they ended", async () => {
    const topic = uniqueName("it-audit");
    const response = await call(await topics(), "POST", "/api/kafka/topics", cookies.viewer, { body: JSON.stringify({ name: topic, partitions: 1 }) });
    expect(response.status).toBe(403);
    let entries: Awaited<ReturnType<typeof listAudit>> = [];
    for (let i = 0; i < 50 && entries.length === 0; i++) {
      entries = (await listAudit({ action: "POST /api/kafka/topics", limit: 20 })).filter((e) => e.actor === "it-viewer");
      if (!entries.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(entries[0]).toMatchObject({ actor: "it-viewer", target: "/api/kafka/topics", outcome: "refused", details: { status: 403 } });
  });

  it("are refused for everyone in read-only mode", async () => {
    vi.stubEnv("READ_ONLY", "true");
    resetConfig();
    try {
      const response = await call(await topics(), "POST", "/api/kafka/topics", cookies.admin, {
        body: JSON.stringify({ name: uniqueName("it-ro"), partitions: 1 }),
      });
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("READ_ONLY");
      expect((await (await call(session.GET as Handler, "GET", "/api/auth/session", cookies.admin)).json()).readOnly).toBe(true);
    } finally {
      vi.stubEnv("READ_ONLY", "false");
      resetConfig();
    }
  });
});

describe("sensitive collections", () => {
  it("keep their documents from viewers, not from operators; their size stays visible", async () => {
    const documents = (await import("@/app/api/mongo/databases/[db]/collections/[collection]/documents/route")).GET as unknown as Handler;
    const collection = (await import("@/app/api/mongo/databases/[db]/collections/[collection]/route")).GET as unknown as Handler;
    const params = { db: "itsecret", collection: "cards" };
    const pattern = "/api/mongo/databases/[db]/collections/[collection]";
    const refused = await call(documents, "GET", `${pattern}/documents`, cookies.viewer, { params });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/sensitive/);
    expect((await call(documents, "GET", `${pattern}/documents`, cookies.operator, { params })).status).not.toBe(403);
    expect((await call(collection, "GET", pattern, cookies.viewer, { params })).status).not.toBe(403);
  });
});
