"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Gauge, KeyRound, LayoutGrid, Plug, Users } from "lucide-react";
import { cn } from "@/lib/utils/cn";

const ITEMS = [
  { href: "", label: "Overview", icon: LayoutGrid },
  { href: "/members", label: "Members", icon: Users },
  { href: "/tokens", label: "API tokens", icon: KeyRound },
  { href: "/providers", label: "Providers", icon: Plug },
  { href: "/limits", label: "Limits", icon: Gauge },
] as const;

/** The settings sections, as tab-like links (the current one marked with aria-current). */
export function SettingsNav({ slug, show = ["", "/members", "/tokens", "/providers", "/limits"] }: { slug: string; show?: string[] }) {
  const pathname = usePathname();
  const base = `/w/${encodeURIComponent(slug)}/settings`;
  return (
    <nav aria-label="Settings sections" className="border-b">
      <ul className="-mb-px flex flex-wrap gap-1">
        {ITEMS.filter((i) => show.includes(i.href)).map(({ href, label, icon: Icon }) => {
          const full = `${base}${href}`;
          const active = pathname === full;
          return (
            <li key={label}>
              <Link
                href={full}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium transition-colors outline-hidden focus-visible:ring-2 focus-visible:ring-ring rounded-t-md",
                  active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
                )}
              >
                <Icon className="size-4" aria-hidden="true" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
