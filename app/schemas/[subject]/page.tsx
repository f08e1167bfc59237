import type { Metadata } from "next";
import { Suspense } from "react";
import { SubjectView } from "@/components/schemas/subject-detail";

export async function generateMetadata({ params }: { params: Promise<{ subject: string }> }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).subject) };
}

export default async function SubjectPage({ params }: { params: Promise<{ subject: string }> }) {
  const { subject } = await params;
  return (
    <div className="mx-auto max-w-6xl">
      <Suspense>
        <SubjectView subject={decodeURIComponent(subject)} />
      </Suspense>
    </div>
  );
}
