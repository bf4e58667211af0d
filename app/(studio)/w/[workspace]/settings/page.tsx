import { Settings } from "lucide-react";
import { SectionEmpty } from "@/components/shell/placeholder-page";
import { authorizePage } from "@/lib/auth/page";

export const metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const access = await authorizePage((await params).workspace, "workspace:read");
  return (
    <SectionEmpty
      title="Settings"
      description={`Workspace ${access.workspace.name} (/w/${access.workspace.slug}). Your role: ${access.role}.`}
      icon={Settings}
      emptyTitle="Members, tokens and providers"
      emptyText="Admins manage members and invitations, API tokens, model providers and limits here. Tokens can also be created headlessly with STUDIO_INIT_API_TOKEN (docs/configuration.md)."
    />
  );
}
