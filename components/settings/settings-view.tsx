"use client";

import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { SimpleTable, textCell } from "@/components/ui/table";
import { useSettings } from "@/lib/queries/settings";

/** The console's effective configuration (admins only): secrets show only whether they are set. */
export function SettingsView() {
  const query = useSettings();
  return (
    <QueryState isPending={query.isPending} error={query.error} retry={() => void query.refetch()} what="the settings">
      <Card className="overflow-x-auto p-0">
        <SimpleTable columns={[{ label: "Setting" }, { label: "Value" }, { label: "From" }]}>
          {query.data?.settings.map((setting) => (
            <tr key={setting.name} className="border-t border-line align-top">
              <td className={`${textCell} font-mono text-xs`}>{setting.name}</td>
              <td className={`${textCell} break-all font-mono text-xs`}>
                {setting.value === null ? (
                  <span className="text-muted">not set</span>
                ) : setting.secret ? (
                  <span title="Secrets are never shown">set (hidden)</span>
                ) : (
                  setting.value
                )}
              </td>
              <td className={`${textCell} text-xs text-muted`}>{setting.source}</td>
            </tr>
          ))}
        </SimpleTable>
      </Card>
    </QueryState>
  );
}
