import { SpecList } from "@/components/specs/spec-list";
import { authorizePage } from "@/lib/auth/page";
import { roleCan } from "@/lib/rbac/permissions";

export const metadata = { title: "Specs" };

export default async function SpecsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const access = await authorizePage((await params).workspace, "spec:read");
  return <SpecList slug={access.workspace.slug} canWrite={roleCan(access.role, "spec:write")} canArchive={roleCan(access.role, "spec:archive")} />;
}
