import type { ReactNode } from "react";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";
import { isInstanceAdmin } from "@/lib/instance/is-instance-admin";
import { Logo } from "@/components/shell/logo";
import { NavLinks } from "@/components/shell/nav-links";
import { UserMenu } from "@/components/shell/user-menu";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";
import { ThemeToggle } from "@/components/theme-toggle";

export const dynamic = "force-dynamic";

export default async function StudioLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const access = await authorizePage(slug, "workspace:read");
  const [workspaces, instanceAdmin] = await Promise.all([
    listWorkspacesForUser(getDb(), access.principal.userId),
    isInstanceAdmin(getDb(), access.principal),
  ]);
  const current = { slug: access.workspace.slug, name: access.workspace.name, role: access.role };
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col gap-4 border-r bg-muted/30 p-3">
        <div className="px-2 pt-1">
          <Logo href={`/w/${slug}`} />
        </div>
        <WorkspaceSwitcher current={current} workspaces={workspaces} />
        <NavLinks slug={slug} />
        <div className="mt-auto flex flex-col gap-1 border-t pt-3">
          <div className="flex items-center justify-between px-1 text-xs text-muted-foreground">
            <span>Role: {access.role}</span>
            <ThemeToggle />
          </div>
          <UserMenu name={access.principal.name} email={access.principal.email} isInstanceAdmin={instanceAdmin} />
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-8 py-6">
        {children}
      </main>
    </div>
  );
}
