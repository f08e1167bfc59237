import { AreaLoading } from "@/components/shell/area-loading";

export default function AuditLoading() {
  return <AreaLoading area="the audit log" />;
}
