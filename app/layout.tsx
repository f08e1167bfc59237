import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { getConfig } from "@/server/config";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Eventdeck", template: "%s · Eventdeck" },
  description: "Kafka, MongoDB and Prometheus in one console",
};

export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="font-sans antialiased">
        <Providers>
          <AppShell cluster={getConfig().CLUSTER_NAME}>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
