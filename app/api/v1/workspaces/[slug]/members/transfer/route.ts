import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { transferOwnership } from "@/lib/members/manage";
import { transferOwnershipSchema } from "@/lib/members/schemas";

export const POST = workspaceRoute("member:update", async ({ req, db, access }) => {
  const { memberId } = await parseJsonBody(req, transferOwnershipSchema);
  await transferOwnership(db, access, memberId);
  return { ok: true };
});
