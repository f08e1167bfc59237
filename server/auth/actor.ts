import "server-only";

/**
 * Who is acting, for audit records: the signed-in user once sign-in exists; until then
 * every request acts as "local".
 */
export function requestActor(_request: Request): string {
  return "local";
}
