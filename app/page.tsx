import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { getPagePrincipal } from "@/lib/auth/page";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";

export const dynamic = "force-dynamic";

export default async function Home() {
  const principal = await getPagePrincipal();
  if (!principal) redirect("/sign-in");
  const workspaces = await listWorkspacesForUser(getDb(), principal.userId);
  redirect(workspaces.length ? `/w/${workspaces[0].slug}` : "/workspaces/new");
}
