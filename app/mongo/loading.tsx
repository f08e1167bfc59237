import { AreaLoading } from "@/components/shell/area-loading";

export default function MongoLoading() {
  return <AreaLoading area="MongoDB" />;
}
