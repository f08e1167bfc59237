/**
 * "GET /api/kafka/topics" → ["GET", "/api/kafka/topics"]. Its own module, without the
 * declarations, so the browser client can use it without shipping their schemas.
 */
export function splitOperationKey(key: string): [method: string, pattern: string] {
  const space = key.indexOf(" ");
  return [key.slice(0, space), key.slice(space + 1)];
}
