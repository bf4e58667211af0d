import { notFound } from "next/navigation";
import { AdminConsole } from "@/components/admin/admin-console";
import { StandaloneShell } from "@/components/account/standalone-shell";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/db";
import { standaloneShellProps } from "@/lib/account/shell";
import { requirePageUser } from "@/lib/auth/page";
import { isInstanceAdmin } from "@/lib/instance/is-instance-admin";

export const metadata = { title: "Instance admin" };
export const dynamic = "force-dynamic";

/** Instance administration: every account and workspace. Anyone who is not an instance admin gets the 404 page. */
export default async function AdminPage() {
  const principal = await requirePageUser();
  const db = getDb();
  if (!(await isInstanceAdmin(db, principal))) notFound();
  const [shell, users, workspaces] = await Promise.all([standaloneShellProps(principal), db.user.count(), db.workspace.count()]);
  return (
    <StandaloneShell {...shell}>
      <div className="flex flex-col gap-6">
        <PageHeader
          title="Instance admin"
          description="Every account and workspace on this studio. Instance admins are the first account created and the addresses in STUDIO_ADMIN_EMAILS."
        />
        <AdminConsole meId={principal.userId} counts={{ users, workspaces }} />
      </div>
    </StandaloneShell>
  );
}
