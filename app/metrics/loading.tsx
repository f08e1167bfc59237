import { AreaLoading } from "@/components/shell/area-loading";

export default function MetricsLoading() {
  return <AreaLoading area="the metrics" />;
}
