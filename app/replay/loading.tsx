import { AreaLoading } from "@/components/shell/area-loading";

export default function ReplayLoading() {
  return <AreaLoading area="the replays" />;
}
