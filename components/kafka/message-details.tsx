"use client";

import { Check, Copy, History, Link2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { newReplayHref } from "@/lib/replay/form";
import type { DecodedPayload, KafkaMessage } from "@/lib/schemas/kafka-messages";
import { PayloadView } from "./message-payload";

function plain(payload: DecodedPayload | null): unknown {
  if (!payload) return null;
  if (payload.encoding === "json") return JSON.parse(payload.text) as unknown;
  return payload.encoding === "binary" ? { hex: payload.text } : payload.text;
}

/** The message as one JSON document: what "Copy as JSON" puts on the clipboard. */
export function messageAsJson(topic: string, message: KafkaMessage): string {
  return JSON.stringify(
    {
      topic,
      partition: message.partition,
      offset: message.offset,
      timestamp: new Date(Number(message.timestamp)).toISOString(),
      key: plain(message.key),
      headers: message.headers.map((h) => ({ name: h.name, value: plain(h.value) })),
      value: plain(message.value),
    },
    null,
    2,
  );
}

/** The page that shows just this message. */
export function messageHref(topic: string, message: Pick<KafkaMessage, "partition" | "offset">): string {
  return `/kafka/topics/${encodeURIComponent(topic)}/messages?partition=${message.partition}&offset=${message.offset}`;
}

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-HTTP pages have no clipboard API: fall back to a hidden text area.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

export function formatTimestamp(ms: string): string {
  const date = new Date(Number(ms));
  return Number.isNaN(date.getTime()) ? ms : date.toISOString().replace("T", " ").replace("Z", " UTC");
}

/** Headers, key and value of one message in full, with copy and link actions. */
export function MessageDetails({ topic, message, showLink = true }: { topic: string; message: KafkaMessage; showLink?: boolean }) {
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  const id = `${message.partition}:${message.offset}`;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          onClick={() =>
            copyText(messageAsJson(topic, message)).then(
              () => setCopied("ok"),
              () => setCopied("failed"),
            )
          }
          aria-label={`Copy message ${id} as JSON`}
        >
          {copied === "ok" ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />} Copy as JSON
        </Button>
        {showLink && (
          <Link href={messageHref(topic, message)} className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-accent hover:underline">
            <Link2 aria-hidden className="size-4" /> Link to message {id}
          </Link>
        )}
        <Link
          href={newReplayHref({ kind: "republish", topic, partitions: String(message.partition), range: "offsets", from: message.offset })}
          className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-accent hover:underline"
        >
          <History aria-hidden className="size-4" /> Replay partition {message.partition} from here
        </Link>
        <span role="status" className="text-sm text-muted">
          {copied === "ok" ? "Copied to the clipboard." : copied === "failed" ? "The browser refused the clipboard." : ""}
        </span>
      </div>
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <div className="space-y-3">
          <div>
            <h3 className="mb-1 text-xs font-semibold text-muted">Key</h3>
            <div>
              <PayloadView payload={message.key} label="key" />
            </div>
          </div>
          <div>
            <h3 className="mb-1 text-xs font-semibold text-muted">Headers</h3>
            <div>
              {message.headers.length === 0 ? (
                <p className="text-sm text-muted">No headers.</p>
              ) : (
                <table className="w-full text-xs">
                  <tbody>
                    {message.headers.map((h, i) => (
                      <tr key={`${h.name}-${i}`} className="border-t border-line first:border-t-0">
                        <th scope="row" className="py-1 pr-3 text-left align-top font-mono font-medium">
                          {h.name}
                        </th>
                        <td className="py-1 font-mono break-all">
                          {h.value === null ? (
                            <span className="text-muted italic">null</span>
                          ) : h.value.encoding === "binary" ? (
                            `0x${h.value.text}`
                          ) : (
                            h.value.text
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </div>
        </div>
        <div>
          <h3 className="mb-1 text-xs font-semibold text-muted">Value</h3>
          <div>
            <PayloadView payload={message.value} label="value" />
          </div>
        </div>
      </div>
    </div>
  );
}
