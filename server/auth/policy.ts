import "server-only";
import type { Role } from "@/lib/schemas/auth";

export interface AccessRule {
  /** Who may call it: anyone ("public"), or a signed-in user with at least this role. */
  role: Role | "public";
  /** Returns documents of the collection in its path: refused to viewers for SENSITIVE_COLLECTIONS. */
  documents?: true;
}

const viewer: AccessRule = { role: "viewer" };
const operator: AccessRule = { role: "operator" };
const admin: AccessRule = { role: "admin" };
const publicRoute: AccessRule = { role: "public" };
const documents: AccessRule = { role: "viewer", documents: true };

/**
 * Who may call each API operation, keyed "<METHOD> <route pattern>" as the route wrapper
 * names it. The wrapper refuses any operation missing here (fail closed), and a test
 * checks that every exported handler has an entry, so a new route cannot skip it.
 */
export const accessRules: Readonly<Record<string, AccessRule>> = {
  "GET /api/health": publicRoute,
  "GET /api/metrics": publicRoute,
  "GET /api/openapi.json": publicRoute,
  "POST /api/auth/signin": publicRoute,
  "POST /api/auth/signout": publicRoute,
  "GET /api/auth/session": publicRoute,
  "GET /api/auth/oidc/start": publicRoute,
  "GET /api/auth/oidc/callback": publicRoute,

  "GET /api/audit": viewer,
  "GET /api/settings": admin,

  "GET /api/kafka/overview": viewer,
  "GET /api/kafka/brokers": viewer,
  "GET /api/kafka/brokers/[broker]": viewer,
  "GET /api/kafka/groups": viewer,
  "GET /api/kafka/groups/[group]": viewer,
  "GET /api/kafka/groups/[group]/lag-history": viewer,
  "POST /api/kafka/groups/[group]/reset-offsets": operator,
  "GET /api/kafka/topics": viewer,
  "POST /api/kafka/topics": operator,
  "GET /api/kafka/topics/[topic]": viewer,
  "DELETE /api/kafka/topics/[topic]": admin,
  "GET /api/kafka/topics/[topic]/configs": viewer,
  "PATCH /api/kafka/topics/[topic]/configs": admin,
  "POST /api/kafka/topics/[topic]/partitions": admin,
  "POST /api/kafka/topics/[topic]/purge": admin,
  "GET /api/kafka/topics/[topic]/messages": viewer,
  "POST /api/kafka/topics/[topic]/messages": operator,
  "GET /api/kafka/topics/[topic]/messages/[partition]/[offset]": viewer,

  "GET /api/mongo/databases": viewer,
  "DELETE /api/mongo/databases/[db]": admin,
  "GET /api/mongo/databases/[db]/collections": viewer,
  "POST /api/mongo/databases/[db]/collections": operator,
  "GET /api/mongo/databases/[db]/collections/[collection]": viewer,
  "PATCH /api/mongo/databases/[db]/collections/[collection]": admin,
  "DELETE /api/mongo/databases/[db]/collections/[collection]": admin,
  "GET /api/mongo/databases/[db]/collections/[collection]/documents": documents,
  "POST /api/mongo/databases/[db]/collections/[collection]/documents/insert": operator,
  "GET /api/mongo/databases/[db]/collections/[collection]/documents/[id]": documents,
  "PUT /api/mongo/databases/[db]/collections/[collection]/documents/[id]": operator,
  "DELETE /api/mongo/databases/[db]/collections/[collection]/documents/[id]": operator,
  "POST /api/mongo/databases/[db]/collections/[collection]/aggregate": documents,
  "GET /api/mongo/databases/[db]/collections/[collection]/export": documents,
  "POST /api/mongo/databases/[db]/collections/[collection]/import": operator,
  "GET /api/mongo/databases/[db]/collections/[collection]/indexes": viewer,
  "POST /api/mongo/databases/[db]/collections/[collection]/indexes": operator,
  "DELETE /api/mongo/databases/[db]/collections/[collection]/indexes/[name]": admin,

  "GET /api/prometheus/autocomplete/[...path]": viewer,
  "GET /api/prometheus/dashboards": viewer,
  "GET /api/prometheus/label-values": viewer,
  "POST /api/prometheus/panels": viewer,
  "GET /api/prometheus/query": viewer,
  "GET /api/prometheus/query_range": viewer,

  "GET /api/projections": viewer,

  "GET /api/system/map": viewer,
  "GET /api/system/catalog": viewer,
  "GET /api/system/trace": viewer,
  "GET /api/system/consistency": viewer,
  "POST /api/system/consistency": operator,
  "GET /api/system/consistency/[id]": viewer,
  "POST /api/replay/plan": viewer,
  "GET /api/replay/jobs": viewer,
  "POST /api/replay/jobs": operator,
  "GET /api/replay/jobs/[id]": viewer,
  "GET /api/replay/jobs/[id]/events": viewer,
  "POST /api/replay/jobs/[id]/[action]": operator,
};

/** Whether `db.collection` is in SENSITIVE_COLLECTIONS (entries db.collection or db.*). */
export function isSensitive(patterns: string[], db: string, collection: string): boolean {
  return patterns.some((pattern) => pattern === `${db}.${collection}` || pattern === `${db}.*`);
}
