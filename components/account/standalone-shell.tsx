import Link from "next/link";
import type { ReactNode } from "react";
import { ArrowLeft } from "lucide-react";
import { Logo } from "@/components/shell/logo";
import { UserMenu } from "@/components/shell/user-menu";
import { ThemeToggle } from "@/components/theme-toggle";
import { AccountNav } from "@/components/account/account-nav";

/** The frame of pages outside a workspace (account, instance admin): a top bar and a centred column. */
export function StandaloneShell({
  user,
  isInstanceAdmin,
  backHref,
  children,
}: {
  user: { name: string; email: string };
  isInstanceAdmin: boolean;
  /** where "Back to the studio" leads: the user's first workspace, or / */
  backHref: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/80">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-6">
          <Logo href={backHref} />
          <AccountNav isInstanceAdmin={isInstanceAdmin} />
          <div className="ml-auto flex items-center gap-2">
            <Link
              href={backHref}
              className="hidden items-center gap-1.5 rounded-md px-2 py-1 text-sm text-muted-foreground outline-hidden hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring sm:flex"
            >
              <ArrowLeft className="size-4" aria-hidden="true" /> Back to the studio
            </Link>
            <ThemeToggle />
            <div className="w-44">
              <UserMenu name={user.name} email={user.email} isInstanceAdmin={isInstanceAdmin} />
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        {children}
      </main>
    </div>
  );
}
