import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { apiOperations, operationEntries, splitOperationKey } from "@/lib/api/operations";
import { buildOpenApiDocument, openApiPath, type OpenApiDocument } from "./openapi";
import { operationOf } from "./route";

const root = fileURLToPath(new URL("../..", import.meta.url));
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === "route.ts" ? [path] : [];
  });
}

/** The operation key of every handler exported by app/api/**\/route.ts, with the file it is in. */
async function exportedHandlers(): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const file of routeFiles(join(root, "app", "api"))) {
    const exports = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const where = relative(root, file).split(sep).join("/");
    for (const method of methods) {
      if (exports[method] === undefined) continue;
      const key = operationOf(exports[method]);
      if (!key) throw new Error(`${where}: ${method} is not made by handle()`);
      if (splitOperationKey(key)[0] !== method) throw new Error(`${where}: ${method} serves ${key}`);
      found.set(key, where);
    }
  }
  return found;
}

describe("the API operation declarations", () => {
  let handlers: Map<string, string>;
  beforeAll(async () => {
    handlers = await exportedHandlers();
  }, 60_000);

  it("has an entry for every exported handler", () => {
    expect(handlers.size).toBeGreaterThan(50);
    const missing = [...handlers].filter(([key]) => !(key in apiOperations)).map(([key, file]) => `${key} (${file})`);
    expect(missing, "handlers without a declaration in lib/api/operations").toEqual([]);
  });

  it("has a handler for every entry", () => {
    const orphans = Object.keys(apiOperations).filter((key) => !handlers.has(key));
    expect(orphans, "entries without a handler").toEqual([]);
  });

  it("names each handler by its file's route pattern", () => {
    for (const [key, file] of handlers) {
      const pattern = `/${file.replace(/^app\//, "").replace(/\/route\.ts$/, "")}`;
      expect(key.slice(key.indexOf(" ") + 1), file).toBe(pattern);
    }
  });

  it("declares exactly the path parameters of each pattern", () => {
    for (const [key, operation] of operationEntries) {
      const pattern = key.slice(key.indexOf(" ") + 1);
      const targets = operation.concretePaths ?? [{ path: pattern, params: operation.params }];
      for (const { path, params } of targets) {
        const inPath = [...path.matchAll(/\[(\w+)\]/g)].map((m) => m[1]).sort();
        expect(Object.keys(params?.shape ?? {}).sort(), `${key} (${path})`).toEqual(inPath);
      }
    }
  });
});

describe("the OpenAPI document", () => {
  const document: OpenApiDocument = buildOpenApiDocument("0.0.0-test");
  const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

  it("is OpenAPI 3.1 with every operation of the table", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBeTruthy();
    const fromTable = operationEntries.flatMap(([key, operation]) =>
      (operation.concretePaths?.map((p) => p.path) ?? [key.slice(key.indexOf(" ") + 1)]).map(
        (path) => `${key.slice(0, key.indexOf(" ")).toLowerCase()} ${openApiPath(path)}`,
      ),
    );
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(fromTable.sort());
  });

  it("gives every operation a unique operationId, a summary and a 2xx (or redirect) response", () => {
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, operation } of operations) {
      expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(operation.summary, `${method} ${path}`).toBeTruthy();
      const statuses = Object.keys(operation.responses as object);
      expect(
        statuses.some((s) => /^(2\d\d|302)$/.test(s)),
        `${method} ${path}`,
      ).toBe(true);
    }
  });

  it("declares each templated path parameter once, as required", () => {
    for (const { path, method, operation } of operations) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (operation.parameters as Array<{ in?: string; name?: string; required?: boolean }>).filter((p) => p.in === "path");
      expect(declared.map((p) => p.name).sort(), `${method} ${path}`).toEqual(templated);
      expect(declared.every((p) => p.required)).toBe(true);
    }
  });

  it("asks for the CSRF header on every change and the session on every non-public operation", () => {
    for (const { path, method, operation } of operations) {
      const csrf = (operation.parameters as Array<{ $ref?: string }>).some((p) => p.$ref === "#/components/parameters/CsrfHeader");
      expect(csrf, `${method} ${path}`).toBe(method !== "get");
      const role = operation["x-eventdeck-role"];
      expect(operation.security, `${method} ${path}`).toEqual(role === "public" ? [] : [{ session: [] }]);
    }
  });

  it("resolves every $ref", () => {
    const refs: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        for (const [key, inner] of Object.entries(value)) {
          if (key === "$ref" && typeof inner === "string") refs.push(inner);
          else walk(inner);
        }
      }
    };
    walk(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref, ref).toMatch(/^#\//);
      const target = ref
        .slice(2)
        .split("/")
        .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
        .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), document);
      expect(target, `${ref} resolves`).toBeDefined();
    }
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });
});
