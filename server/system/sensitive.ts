import "server-only";
import type { ConsistencyCheck, CopyComparison, EntityTrace } from "@/lib/schemas/system";
import { requestUser } from "../auth/authorize";
import { isSensitive } from "../auth/policy";
import { getConfig } from "../config";
import { getSystemConfig } from "./system-file";

const withheld = "withheld: the collection is marked sensitive (SENSITIVE_COLLECTIONS) and viewers do not see its documents";

/** Whether the caller may not see documents of `db.collection` (a viewer, and the collection is sensitive). */
async function hiddenFor(request: Request): Promise<((db: string, collection: string) => boolean) | null> {
  const patterns = getConfig().SENSITIVE_COLLECTIONS;
  if (patterns.length === 0) return null;
  const user = await requestUser(request);
  if (user && user.role !== "viewer") return null;
  return (db, collection) => isSensitive(patterns, db, collection);
}

function redactComparisons(comparisons: CopyComparison[], hidden: (db: string, collection: string) => boolean): CopyComparison[] {
  const copies = getSystemConfig().copies;
  return comparisons.map((c) => {
    const copy = copies.find((d) => d.name === c.copy);
    const secret = !copy || hidden(copy.source.database, copy.source.collection) || hidden(copy.copy.database, copy.copy.collection);
    return secret ? { ...c, differences: c.differences.map((d) => ({ field: d.field, source: "***", copy: "***" })) } : c;
  });
}

/** A trace as a viewer may see it: documents and compared values of sensitive collections withheld. */
export async function traceFor(request: Request, trace: EntityTrace): Promise<EntityTrace> {
  const hidden = await hiddenFor(request);
  if (!hidden) return trace;
  return {
    ...trace,
    documents: trace.documents.map((d) => (hidden(d.database, d.collection) ? { ...d, document: null, error: withheld } : d)),
    consistency: redactComparisons(trace.consistency, hidden),
  };
}

export async function checkFor(request: Request, check: ConsistencyCheck): Promise<ConsistencyCheck> {
  const hidden = await hiddenFor(request);
  return hidden ? { ...check, mismatches: redactComparisons(check.mismatches, hidden) } : check;
}
