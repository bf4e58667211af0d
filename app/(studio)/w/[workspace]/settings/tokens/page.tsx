import { settingsSectionsFor } from "@/components/settings/members/sections";
import { TokensSettings } from "@/components/settings/tokens/tokens-settings";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { authorizePage } from "@/lib/auth/page";
import { roleCan } from "@/lib/rbac/permissions";

export const metadata = { title: "API tokens · Settings" };

export default async function TokensSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const access = await authorizePage((await params).workspace, "token:read");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description={`Workspace ${access.workspace.name}. Your role: ${access.role}.`} />
      <SettingsNav slug={access.workspace.slug} show={settingsSectionsFor(access.role)} />
      <TokensSettings
        slug={access.workspace.slug}
        workspaceName={access.workspace.name}
        me={{ email: access.principal.email }}
        canCreate={roleCan(access.role, "token:create")}
        canRevokeAny={access.role === "owner" || access.role === "admin"}
      />
    </div>
  );
}
