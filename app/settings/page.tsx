import type { Metadata } from "next";
import { SettingsView } from "@/components/settings/settings-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title="Settings"
        description="The configuration this console runs with, from its environment and files. Passwords, secrets and credentials in URIs are never shown; change settings where the console is deployed."
      />
      <SettingsView />
    </div>
  );
}
