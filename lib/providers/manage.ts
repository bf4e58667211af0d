import type { Db } from "@/lib/db";
import type { z } from "zod";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { recordAudit } from "@/lib/audit/record";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { encryptSecret, keyHint } from "@/lib/crypto/secret-box";
import type { providerInputSchema, providerUpdateSchema } from "@/lib/providers/schemas";
import { toProviderView } from "@/lib/providers/views";

// What the audit trail records of a provider: never its key, only whether it has one.
const auditShape = (p: { name: string; kind: string; baseUrl: string | null; models: string[]; defaultModel: string; prices: unknown; enabled: boolean; keyHint: string | null }) => ({
  name: p.name, kind: p.kind, baseUrl: p.baseUrl, models: p.models, defaultModel: p.defaultModel, prices: p.prices, enabled: p.enabled, keyHint: p.keyHint,
});

const conflict = (name: string) => new AppError("conflict", `A provider named "${name}" already exists.`, { field: "name" });

export async function listProviders(db: Db, workspaceId: string) {
  const [rows, ws] = await Promise.all([
    db.providerConfig.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } }),
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { defaultProviderId: true } }),
  ]);
  return { providers: rows.map((r) => toProviderView(r, ws.defaultProviderId)), defaultProviderId: ws.defaultProviderId ?? "offline" };
}

/** Add a provider; the key is encrypted before it is stored. Throws conflict on a taken name. */
export async function createProvider(db: Db, access: WorkspaceAccess, input: z.infer<typeof providerInputSchema>) {
  if (input.kind === "offline") throw new AppError("validation_failed", "The offline scaffolder is built in; it needs no configuration.", { field: "kind" });
  try {
    return await db.$transaction(async (tx) => {
      const p = await tx.providerConfig.create({
        data: {
          workspaceId: access.workspace.id,
          kind: input.kind,
          name: input.name,
          baseUrl: input.baseUrl ?? null,
          encryptedKey: input.apiKey ? encryptSecret(input.apiKey) : null,
          keyHint: input.apiKey ? keyHint(input.apiKey) : null,
          models: input.models,
          defaultModel: input.defaultModel,
          prices: input.prices,
          enabled: input.enabled,
        },
      });
      await recordAudit(tx, { actor: access.actor, action: "provider.created", resourceType: "provider", resourceId: p.id, workspaceId: access.workspace.id, after: auditShape(p) });
      return p;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(input.name);
    throw err;
  }
}

/** Change a provider (or make it the workspace default). Throws not_found, conflict, validation_failed. */
export async function updateProvider(db: Db, access: WorkspaceAccess, id: string, input: z.infer<typeof providerUpdateSchema>) {
  const before = await db.providerConfig.findFirst({ where: { id, workspaceId: access.workspace.id } });
  if (!before) throw new AppError("not_found", "Provider was not found.");
  const models = input.models ?? before.models;
  const defaultModel = input.defaultModel ?? (models.includes(before.defaultModel) ? before.defaultModel : models[0]);
  if (!models.includes(defaultModel)) throw new AppError("validation_failed", "defaultModel must be one of models.", { field: "defaultModel" });
  try {
    return await db.$transaction(async (tx) => {
      const p = await tx.providerConfig.update({
        where: { id },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
          ...(input.apiKey !== undefined ? { encryptedKey: input.apiKey ? encryptSecret(input.apiKey) : null, keyHint: input.apiKey ? keyHint(input.apiKey) : null } : {}),
          models,
          defaultModel,
          ...(input.prices !== undefined ? { prices: input.prices } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        },
      });
      if (input.makeDefault) await tx.workspace.update({ where: { id: access.workspace.id }, data: { defaultProviderId: id } });
      await recordAudit(tx, {
        actor: access.actor, action: "provider.updated", resourceType: "provider", resourceId: id, workspaceId: access.workspace.id,
        before: auditShape(before), after: auditShape(p),
        metadata: { keyChanged: input.apiKey !== undefined, madeDefault: input.makeDefault ?? false },
      });
      return p;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(input.name ?? before.name);
    throw err;
  }
}

export async function deleteProvider(db: Db, access: WorkspaceAccess, id: string) {
  const before = await db.providerConfig.findFirst({ where: { id, workspaceId: access.workspace.id } });
  if (!before) throw new AppError("not_found", "Provider was not found.");
  await db.$transaction(async (tx) => {
    await tx.workspace.updateMany({ where: { id: access.workspace.id, defaultProviderId: id }, data: { defaultProviderId: null } });
    await tx.providerConfig.delete({ where: { id } });
    await recordAudit(tx, { actor: access.actor, action: "provider.deleted", resourceType: "provider", resourceId: id, workspaceId: access.workspace.id, before: auditShape(before) });
  });
}

/** Make the offline scaffolder the default again. */
export async function useOfflineByDefault(db: Db, access: WorkspaceAccess) {
  await db.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: access.workspace.id }, data: { defaultProviderId: null } });
    await recordAudit(tx, { actor: access.actor, action: "provider.default_changed", resourceType: "workspace", resourceId: access.workspace.id, workspaceId: access.workspace.id, after: { defaultProvider: "offline" } });
  });
}
