import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SpecEditor } from "@/components/specs/spec-editor";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { roleCan } from "@/lib/rbac/permissions";
import { getSpecOrThrow } from "@/lib/specs/queries";

type Params = Promise<{ workspace: string; specId: string }>;

async function load(params: Params) {
  const { workspace, specId } = await params;
  const access = await authorizePage(workspace, "spec:read");
  try {
    return { access, spec: await getSpecOrThrow(getDb(), access.workspace.id, specId) };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { spec } = await load(params);
  return { title: spec.name };
}

export default async function SpecEditorPage({ params }: { params: Params }) {
  const { access, spec } = await load(params);
  const { principal, role } = access;
  return (
    <SpecEditor
      slug={access.workspace.slug}
      spec={{ id: spec.id, name: spec.name, archived: spec.archivedAt !== null }}
      user={{ id: principal.userId, name: principal.name || principal.email }}
      role={role}
      canEdit={roleCan(role, "spec:write") && spec.archivedAt === null}
      canArchive={roleCan(role, "spec:archive")}
      canTrigger={roleCan(role, "run:trigger")}
    />
  );
}
