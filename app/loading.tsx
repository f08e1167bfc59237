import { AreaLoading } from "@/components/shell/area-loading";

export default function RootLoading() {
  return <AreaLoading area="this page" />;
}
