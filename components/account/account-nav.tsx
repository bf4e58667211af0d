"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

/** Account / Instance admin switch in the top bar (the admin link only for instance admins). */
export function AccountNav({ isInstanceAdmin }: { isInstanceAdmin: boolean }) {
  const pathname = usePathname();
  const items = [{ href: "/account", label: "Account" }, ...(isInstanceAdmin ? [{ href: "/admin", label: "Instance admin" }] : [])];
  return (
    <nav aria-label="Account" className="flex items-center gap-1">
      {items.map((i) => {
        const active = pathname === i.href || pathname.startsWith(`${i.href}/`);
        return (
          <Link
            key={i.href}
            href={i.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium outline-hidden transition-colors focus-visible:ring-2 focus-visible:ring-ring",
              active ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:text-foreground",
            )}
          >
            {i.label}
          </Link>
        );
      })}
    </nav>
  );
}
