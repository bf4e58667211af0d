import * as Y from "yjs";
import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { recordAudit } from "@/lib/audit/record";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { docFromText } from "@/lib/collab/doc-codec";
import { validateSpec } from "@/lib/specs/format";
import type { z } from "zod";
import type { createSpecSchema } from "@/lib/specs/schemas";

/** A starting point for a blank spec, named after the spec. */
export function blankSpecTemplate(name: string): string {
  const id = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").replace(/^(\d)/, "w_$1") || "my_workflow";
  return `workflow:
  name: ${id.slice(0, 64)}
  description: What this workflow does, in a sentence or two.
  steps:
    - id: first_step
      description: |
        What this step must do, as requirements a reviewer can check.
      inputs:
        - payload: dict
      outputs:
        - result: dict
`;
}

/** Create a spec with its live document. Throws conflict when the name is taken in the workspace. */
export async function createSpec(db: Db, access: WorkspaceAccess, input: z.infer<typeof createSpecSchema>) {
  const content = input.content ?? blankSpecTemplate(input.name);
  const { valid } = validateSpec(content);
  const doc = docFromText(content);
  const state = Buffer.from(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  try {
    return await db.$transaction(async (tx) => {
      const spec = await tx.spec.create({
        data: { workspaceId: access.workspace.id, name: input.name, content, valid, createdById: access.principal.userId },
      });
      await tx.specSnapshot.create({ data: { specId: spec.id, state, upToId: BigInt(0) } });
      await recordAudit(tx, {
        actor: access.actor,
        action: input.source === "import" ? "spec.imported" : "spec.created",
        resourceType: "spec",
        resourceId: spec.id,
        workspaceId: access.workspace.id,
        after: { name: spec.name, bytes: Buffer.byteLength(content), valid },
        metadata: { source: input.source },
      });
      return spec;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", `A spec named "${input.name}" already exists in this workspace.`, { field: "name" });
    throw err;
  }
}
