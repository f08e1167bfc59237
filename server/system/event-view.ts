import "server-only";
import type { KafkaMessage } from "@/lib/schemas/kafka-messages";

/** A message read as an event: its headers as text, its value parsed when it is JSON, and its type (the envelope's, else the `type` header). */
export function eventView(message: KafkaMessage): { headers: Record<string, string>; value: unknown; type: string | null } {
  const headers = Object.fromEntries(message.headers.map((h) => [h.name, h.value?.text ?? ""]));
  let value: unknown = message.value?.text ?? null;
  if (message.value?.encoding === "json") {
    try {
      value = JSON.parse(message.value.text);
    } catch {
      // Cut short for the list: kept as text.
    }
  }
  const envelopeType = value && typeof value === "object" && typeof (value as { type?: unknown }).type === "string" ? (value as { type: string }).type : null;
  return { headers, value, type: envelopeType ?? headers.type ?? null };
}
