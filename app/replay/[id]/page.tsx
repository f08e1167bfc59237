import type { Metadata } from "next";
import { ReplayJobView } from "@/components/replay/replay-job-view";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Replay ${decodeURIComponent((await params).id)}` };
}

export default async function ReplayJobPage({ params }: Props) {
  const id = decodeURIComponent((await params).id);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <ReplayJobView id={id} />
    </div>
  );
}
