import { AreaLoading } from "@/components/shell/area-loading";

export default function SettingsLoading() {
  return <AreaLoading area="the settings" />;
}
