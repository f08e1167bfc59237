import { AreaLoading } from "@/components/shell/area-loading";

export default function KafkaLoading() {
  return <AreaLoading area="Kafka" />;
}
