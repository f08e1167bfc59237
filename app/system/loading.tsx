import { AreaLoading } from "@/components/shell/area-loading";

export default function SystemLoading() {
  return <AreaLoading area="the system view" />;
}
