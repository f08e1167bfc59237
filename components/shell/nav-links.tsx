"use client";

import { Activity, Braces, Database, HardDrive, History, LineChart, List, Network, ScrollText, Server, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const links = [
  { href: "/", label: "Overview", icon: Activity },
  { href: "/system", label: "System", icon: Network },
  { href: "/kafka", label: "Kafka", icon: Server },
  { href: "/kafka/brokers", label: "Brokers", icon: HardDrive },
  { href: "/kafka/topics", label: "Topics", icon: List },
  { href: "/kafka/groups", label: "Consumer groups", icon: Users },
  { href: "/schemas", label: "Schemas", icon: Braces },
  { href: "/mongo", label: "MongoDB", icon: Database },
  { href: "/metrics", label: "Metrics", icon: LineChart },
  { href: "/replay", label: "Replay", icon: History },
  { href: "/audit", label: "Audit log", icon: ScrollText },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {links.map(({ href, label, icon: Icon }) => {
        // The most specific link wins: /kafka/topics lights up Topics, not Kafka as well.
        const matches = links.filter((l) => (l.href === "/" ? pathname === "/" : pathname === l.href || pathname.startsWith(`${l.href}/`)));
        const active = matches.at(-1)?.href === href;
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-muted hover:bg-canvas hover:text-ink",
                active && "bg-canvas font-medium text-ink",
              )}
            >
              <Icon aria-hidden className="size-4" />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
