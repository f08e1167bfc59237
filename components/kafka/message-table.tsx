import type { ReactNode } from "react";
import { numericCell, textCell } from "@/components/ui/table";
import type { KafkaMessage } from "@/lib/schemas/kafka-messages";
import { formatTimestamp } from "./message-details";
import { payloadPreview } from "./message-payload";

const header = "px-3 py-1.5 font-medium";

/**
 * Column widths and headers of a table of messages (partition, offset, timestamp, key,
 * value), with a narrow first column for an expand button when `details` is set.
 */
export function MessageTableHead({ details = false, className }: { details?: boolean; className?: string }) {
  return (
    <>
      <colgroup>
        {details && <col className="w-8" />}
        <col className="w-20" />
        <col className="w-24" />
        <col className="w-52" />
        <col className="w-40" />
        <col />
      </colgroup>
      <thead className="text-muted">
        <tr className={className}>
          {details && (
            <th scope="col" className="px-2 py-1.5">
              <span className="sr-only">Details</span>
            </th>
          )}
          <th scope="col" className={`${header} text-right`}>
            Partition
          </th>
          <th scope="col" className={`${header} text-right`}>
            Offset
          </th>
          <th scope="col" className={`${header} text-left`}>
            Timestamp
          </th>
          <th scope="col" className={`${header} text-left`}>
            Key
          </th>
          <th scope="col" className={`${header} text-left`}>
            Value
          </th>
        </tr>
      </thead>
    </>
  );
}

const nullPayload = <span className="text-muted italic">null</span>;

/** A message's cells under `MessageTableHead`; `offset` replaces the plain offset (a link, say). */
export function MessageCells({ message, offset }: { message: KafkaMessage; offset?: ReactNode }) {
  return (
    <>
      <td className={numericCell}>{message.partition}</td>
      <td className={numericCell}>{offset ?? message.offset}</td>
      <td className={`${textCell} whitespace-nowrap font-mono text-xs`}>{formatTimestamp(message.timestamp)}</td>
      <td className={`${textCell} truncate font-mono text-xs`} title={message.key?.text}>
        {message.key ? payloadPreview(message.key, 60) : nullPayload}
      </td>
      <td className={`${textCell} truncate font-mono text-xs`}>{message.value ? payloadPreview(message.value, 240) : nullPayload}</td>
    </>
  );
}
