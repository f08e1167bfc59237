import "server-only";
import { ObjectId, type Collection } from "mongodb";
import type { AuditEntry, AuditQuery } from "@/lib/schemas/audit";
import { getConfig } from "../config";
import { getLogger } from "../log";
import { mongoCall } from "../mongo/call";
import { getMongoClient } from "../mongo/client";

interface AuditDocument {
  _id: ObjectId;
  at: Date;
  actor: string;
  action: string;
  target: string;
  outcome: AuditEntry["outcome"];
  details: Record<string, unknown>;
}

function auditCollection(): Collection<AuditDocument> {
  return getMongoClient().db(getConfig().CONSOLE_DATABASE).collection<AuditDocument>("audit");
}

/**
 * Records one action in the audit log (MongoDB, the console's own database). The action
 * has happened by then: a failure to record it is logged, never turned into the action's failure.
 */
export async function writeAudit(entry: Omit<AuditEntry, "id" | "at">): Promise<void> {
  try {
    await auditCollection().insertOne({ _id: new ObjectId(), at: new Date(), ...entry });
  } catch (error) {
    getLogger().error({ err: error, action: entry.action, target: entry.target }, "could not write an audit record");
  }
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Audit records, newest first: `action` matches a prefix ("replay." for all replays), `target` exactly. */
export async function listAudit(query: AuditQuery): Promise<AuditEntry[]> {
  const filter: Record<string, unknown> = {};
  if (query.action) filter.action = { $regex: `^${escapeRegex(query.action)}` };
  if (query.target) filter.target = query.target;
  if (query.actor) filter.actor = query.actor;
  if (query.outcome) filter.outcome = query.outcome;
  if (query.since) filter.at = { $gte: new Date(query.since) };
  const documents = await mongoCall("listAudit", () => auditCollection().find(filter).sort({ _id: -1 }).limit(query.limit).toArray());
  return documents.map(({ _id, at, ...rest }) => ({ id: _id.toHexString(), at: at.toISOString(), ...rest }));
}
