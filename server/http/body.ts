import "server-only";
import { AppError } from "./errors";

/** The largest JSON body a route reads unless it says otherwise. */
export const defaultBodyBytes = 1024 * 1024;

/** The request's body as text, read up to `maxBytes` (413 past it — by its declared length before reading, and by what actually arrives). */
export async function readLimitedText(
  request: Request,
  maxBytes: number,
  tooLargeMessage = `The request body is larger than ${maxBytes} bytes`,
): Promise<string> {
  const tooLarge = () => new AppError("TOO_LARGE", tooLargeMessage);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw tooLarge();
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The request's JSON body, read as readLimitedText does; an empty body is `{}`, anything but JSON a 400. */
export async function readLimitedJsonBody(request: Request, maxBytes: number, tooLargeMessage?: string): Promise<unknown> {
  const text = await readLimitedText(request, maxBytes, tooLargeMessage);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The body must be JSON");
  }
}
