import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { formatCount } from "@/lib/format";
import { rewindText } from "@/lib/replay/describe";
import type { ReprocessPlan } from "@/lib/schemas/replay";
import { PlanWarnings } from "./plan-warnings";

/** Events a partition's consumers will read again: committed − target, when the group had an offset. */
function rereads(current: string | null, target: string): string {
  if (current === null) return "—";
  const diff = BigInt(current) - BigInt(target);
  return formatCount(String(diff > 0n ? diff : 0n));
}

/** The dry run of a reprocess: which offsets of the group move where, and how much it reads again. */
export function ReprocessPlanView({ plan }: { plan: ReprocessPlan }) {
  const groupHref = `/kafka/groups/${encodeURIComponent(plan.groupId)}`;
  return (
    <div className="space-y-4">
      <PlanWarnings warnings={plan.warnings} />
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Group state" value={plan.state} />
        <Stat label="Active members" value={plan.members} strong={plan.members > 0} />
        <Stat label="Partitions rewound" value={plan.changes.length} />
        <Stat label="Events to read again" value={formatCount(plan.records)} strong testId="plan-records" />
      </dl>
      <p className="text-sm text-muted">
        Rewinds{" "}
        <Link href={groupHref} className="font-mono text-accent hover:underline">
          {plan.groupId}
        </Link>
        {plan.spec.topic ? (
          <>
            {" "}
            on <span className="font-mono text-ink">{plan.spec.topic}</span>
          </>
        ) : (
          " on every topic it has offsets for"
        )}{" "}
        to {rewindText(plan.spec.to)}. Nothing is copied: when its consumers start again they read these events a second time, and the group&apos;s lag jumps
        then falls as they catch up.
      </p>
      <Card className="p-0">
        <h3 className="px-3 pt-3 text-sm font-semibold">Offsets</h3>
        <SimpleTable
          className="mt-2"
          columns={[
            { label: "Topic" },
            { label: "Partition", numeric: true },
            { label: "Committed now", numeric: true },
            { label: "Rewound to", numeric: true },
            { label: "Read again", numeric: true },
          ]}
        >
          {plan.changes.map((c) => (
            <tr key={`${c.topic}/${c.partition}`} className="border-t border-line" data-testid="plan-partition-row">
              <td className={`${textCell} font-mono`}>{c.topic}</td>
              <td className={numericCell}>{c.partition}</td>
              <td className={numericCell}>{c.current ?? <span className="text-muted">none</span>}</td>
              <td className={numericCell}>{c.target}</td>
              <td className={numericCell}>{rereads(c.current, c.target)}</td>
            </tr>
          ))}
        </SimpleTable>
      </Card>
    </div>
  );
}
