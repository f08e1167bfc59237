import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { SessionProvider } from "@/components/auth/session";
import { SignInScreen } from "@/components/auth/sign-in-screen";
import { AppShell } from "@/components/shell/app-shell";
import type { SessionInfo } from "@/lib/auth";
import { userFromCookieHeader } from "@/server/auth/session";
import { getConfig } from "@/server/config";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Eventdeck", template: "%s · Eventdeck" },
  description: "Kafka, MongoDB and Prometheus in one console",
};

export const dynamic = "force-dynamic";

/** Every page needs a session (unless sign-in is off): without one, the sign-in form shows in its place. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const config = getConfig();
  const user = config.AUTH === "off" ? { name: "local", role: "admin" as const } : await userFromCookieHeader((await headers()).get("cookie"));
  const session: SessionInfo = { user, auth: config.AUTH, readOnly: config.READ_ONLY };
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="font-sans antialiased">
        {user || config.AUTH === "off" ? (
          <Providers>
            <SessionProvider session={session}>
              <AppShell cluster={config.CLUSTER_NAME}>{children}</AppShell>
            </SessionProvider>
          </Providers>
        ) : (
          <Providers>
            <SignInScreen auth={config.AUTH === "oidc" ? "oidc" : "local"} cluster={config.CLUSTER_NAME} />
          </Providers>
        )}
      </body>
    </html>
  );
}
