import { ProvidersSettings } from "@/components/settings/providers-settings";
import { settingsSectionsFor } from "@/components/settings/members/sections";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { authorizePage } from "@/lib/auth/page";
import { roleCan } from "@/lib/rbac/permissions";

export const metadata = { title: "Providers · Settings" };

export default async function ProvidersSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const access = await authorizePage((await params).workspace, "provider:read");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description={`Workspace ${access.workspace.name}.`} />
      <SettingsNav slug={access.workspace.slug} show={settingsSectionsFor(access.role)} />
      <ProvidersSettings slug={access.workspace.slug} canManage={roleCan(access.role, "provider:update")} />
    </div>
  );
}
