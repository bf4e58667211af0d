"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { FileCode2, MessageSquareCheck, Play, Settings, ShieldCheck } from "lucide-react";
import { cn } from "@/lib/utils/cn";

const ITEMS = [
  { href: "specs", label: "Specs", icon: FileCode2 },
  { href: "runs", label: "Runs", icon: Play },
  { href: "reviews", label: "Reviews", icon: MessageSquareCheck },
  { href: "audit", label: "Audit", icon: ShieldCheck },
  { href: "settings", label: "Settings", icon: Settings },
] as const;

export function NavLinks({ slug }: { slug: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Workspace">
      <ul className="flex flex-col gap-1">
        {ITEMS.map(({ href, label, icon: Icon }) => {
          const full = `/w/${slug}/${href}`;
          const active = pathname === full || pathname.startsWith(`${full}/`);
          return (
            <li key={href}>
              {/* Not prefetched: these pages are rendered per request, so a prefetch buys little, and five of them
                  compete with the page being opened (measured on the review page, bench/review-page.bench.ts). */}
              <Link
                prefetch={false}
                href={full}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors",
                  "hover:bg-accent hover:text-accent-foreground focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-ring",
                  active && "bg-accent text-accent-foreground",
                )}
              >
                <Icon className="size-4" aria-hidden />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
