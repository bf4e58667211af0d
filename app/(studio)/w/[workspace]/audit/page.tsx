import { AuditBrowser } from "@/components/audit/audit-browser";
import { PageHeader } from "@/components/ui/page-header";
import { authorizePage } from "@/lib/auth/page";
import { roleCan } from "@/lib/rbac/permissions";

export const metadata = { title: "Audit" };

export default async function AuditPage({ params }: { params: Promise<{ workspace: string }> }) {
  const access = await authorizePage((await params).workspace, "audit:read");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Audit trail" description="Every action in this workspace, append-only and hash-chained so that any edit is detectable." />
      <AuditBrowser slug={access.workspace.slug} canVerify={roleCan(access.role, "audit:verify")} />
    </div>
  );
}
