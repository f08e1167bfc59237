import "server-only";

/** Whether `db.collection` is in SENSITIVE_COLLECTIONS (entries db.collection or db.*). */
export function isSensitive(patterns: string[], db: string, collection: string): boolean {
  return patterns.some((pattern) => pattern === `${db}.${collection}` || pattern === `${db}.*`);
}
