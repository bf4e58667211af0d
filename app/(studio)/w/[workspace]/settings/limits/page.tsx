import { LimitsForm } from "@/components/settings/limits-form";
import { UsageSection } from "@/components/settings/usage-section";
import { settingsSectionsFor } from "@/components/settings/members/sections";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { roleCan } from "@/lib/rbac/permissions";
import { getLimits } from "@/lib/runs/manage-limits";
import { monthlyUsage } from "@/lib/usage/monthly-usage";

export const metadata = { title: "Limits · Settings" };

export default async function LimitsSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const access = await authorizePage((await params).workspace, "settings:read");
  const db = getDb();
  const initial = await getLimits(db, access.workspace.id);
  const usage = await monthlyUsage(db, access.workspace.id);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description={`Workspace ${access.workspace.name}.`} />
      <SettingsNav slug={access.workspace.slug} show={settingsSectionsFor(access.role)} />
      <LimitsForm slug={access.workspace.slug} canEdit={roleCan(access.role, "limits:update")} initial={initial}>
        <UsageSection slug={access.workspace.slug} initial={usage} />
      </LimitsForm>
    </div>
  );
}
