import type { Metadata } from "next";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";
import { GroupDetailView } from "@/components/kafka/group-detail";

type Props = { params: Promise<{ group: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).group) };
}

export default async function GroupPage({ params }: Props) {
  const groupId = decodeURIComponent((await params).group);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <BreadcrumbHeader
        trail={[
          { label: "Consumer groups", href: "/kafka/groups" },
          { label: groupId, mono: true },
        ]}
        title={<span className="font-mono">{groupId}</span>}
      />
      <GroupDetailView groupId={groupId} />
    </div>
  );
}
