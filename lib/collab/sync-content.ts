import type { DbTx } from "@/lib/db";
import { validateSpec } from "@/lib/specs/format";

/** Mirror a spec document's text, and whether it is valid, onto its row. */
export async function syncSpecContent(db: DbTx, specId: string, text: string): Promise<void> {
  const { valid } = validateSpec(text);
  await db.spec.updateMany({ where: { id: specId, OR: [{ content: { not: text } }, { valid: { not: valid } }] }, data: { content: text, valid } });
}
