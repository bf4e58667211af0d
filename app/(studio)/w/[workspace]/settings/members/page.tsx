import { MembersSettings } from "@/components/settings/members/members-settings";
import { settingsSectionsFor } from "@/components/settings/members/sections";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { authorizePage } from "@/lib/auth/page";
import { mailConfigFromEnv } from "@/lib/mail/config";
import { roleCan } from "@/lib/rbac/permissions";

export const metadata = { title: "Members · Settings" };

export default async function MembersSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const access = await authorizePage((await params).workspace, "member:read");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description={`Workspace ${access.workspace.name}. Your role: ${access.role}.`} />
      <SettingsNav slug={access.workspace.slug} show={settingsSectionsFor(access.role)} />
      <MembersSettings
        slug={access.workspace.slug}
        workspaceName={access.workspace.name}
        me={{ userId: access.principal.userId, role: access.role }}
        can={{ invite: roleCan(access.role, "member:invite"), update: roleCan(access.role, "member:update"), remove: roleCan(access.role, "member:remove") }}
        emailConfigured={mailConfigFromEnv() !== null}
      />
    </div>
  );
}
