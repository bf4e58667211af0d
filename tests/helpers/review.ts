// Helpers for the review tests: a workspace with several reviewers, a spec with revisions, and run rows with
// modules written straight to the database (no worker, no model), so that review logic is tested on its own.
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { authorize, type WorkspaceAccess } from "@/lib/rbac/authorize";
import type { Scope } from "@/lib/rbac/permissions";
import { createSpec } from "@/lib/specs/create-spec";
import { validateSpec } from "@/lib/specs/format";
import { stepHash } from "@/lib/review/step-hash";
import { FLOW_STEP_KEY } from "@/lib/runs/schemas";
import { makeWorkspace, uniq } from "./db";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Two steps, python: a run of it has 2 × (module + test) + the flow. */
export const TWO_STEP_YAML = `workflow:
  name: review_demo
  description: Two steps, for review tests.
  language: python
  steps:
    - id: fetch_order
      description: Load the order by id.
      inputs:
        - order_id: str
      outputs:
        - order: dict
    - id: charge_card
      description: Charge the order's card.
      inputs:
        - order: dict
      outputs:
        - receipt: dict
      depends_on: [fetch_order]
`;

/** The same spec with only charge_card's description changed. */
export const TWO_STEP_YAML_CHARGE_CHANGED = TWO_STEP_YAML.replace("Charge the order's card.", "Charge the order's card, in the order's currency.");

export type TestUser = { id: string; email: string; name: string };

/** A WorkspaceAccess for a member through the real authorize(); throws its AppError when refused. */
export async function accessAs(db: Db, workspaceId: string, user: TestUser, scope: Scope = "review:decide"): Promise<WorkspaceAccess> {
  return authorize(db, {
    principal: { kind: "user", userId: user.id, email: user.email, name: user.name, sessionId: "test" },
    meta: { ip: null, userAgent: null },
    scope,
    workspaceId,
  });
}

/** A member with a role and a recognisable name (mentions resolve names without spaces). */
export async function addMember(db: Db, workspaceId: string, role: Role, name: string): Promise<TestUser> {
  const u = await db.user.create({ data: { email: `${uniq(name.split(" ")[0].toLowerCase())}@example.test`, name } });
  await db.membership.create({ data: { workspaceId, userId: u.id, role } });
  return { id: u.id, email: u.email, name: u.name };
}

export async function addSpecRevision(db: Db, access: WorkspaceAccess, specId: string, yaml: string) {
  const { valid, diagnostics } = validateSpec(yaml);
  const last = await db.specRevision.findFirst({ where: { specId }, orderBy: { number: "desc" }, select: { number: true } });
  return db.specRevision.create({
    data: {
      specId,
      workspaceId: access.workspace.id,
      number: (last?.number ?? 0) + 1,
      content: yaml,
      contentHash: sha256(yaml),
      message: "test revision",
      valid,
      diagnostics: diagnostics as never,
      authorId: access.principal.userId,
      authorLabel: access.principal.email,
    },
  });
}

export interface ModuleInput {
  stepKey: string;
  role?: "module" | "test" | "flow";
  path: string;
  content: string;
  findings?: { line: number; severity: "error" | "warning"; rule: string; message: string }[];
  carriedFromId?: string;
}

/** The files a run of TWO_STEP_YAML would have, with short recognisable contents (`tag` goes into each). */
export function twoStepModules(tag = "v1"): ModuleInput[] {
  const step = (id: string): ModuleInput[] => [
    { stepKey: id, role: "module", path: `steps/${id}.py`, content: `"""${id} (${tag})."""\n\n\ndef ${id}(data: dict) -> dict:\n    return {"step": "${id}", "tag": "${tag}"}\n` },
    { stepKey: id, role: "test", path: `tests/test_${id}.py`, content: `from steps.${id} import ${id}\n\n\ndef test_${id}():\n    assert ${id}({})["tag"] == "${tag}"\n` },
  ];
  return [...step("fetch_order"), ...step("charge_card"), { stepKey: FLOW_STEP_KEY, role: "flow", path: "flow.py", content: `# flow (${tag})\nfrom steps.fetch_order import fetch_order\nfrom steps.charge_card import charge_card\n` }];
}

/**
 * A run row (every column the schema needs) with its modules, stepHash computed from the revision like the
 * engine does. Status defaults to succeeded.
 */
export async function insertRun(
  db: Db,
  args: {
    workspaceId: string;
    spec: { id: string; name: string };
    revision: { id: string; number: number; contentHash: string; content: string };
    triggeredBy: TestUser;
    status?: "queued" | "running" | "succeeded" | "failed" | "cancelled";
    modules?: ModuleInput[];
    createdAt?: Date;
    rerunOfId?: string;
  },
) {
  const last = await db.run.findFirst({ where: { workspaceId: args.workspaceId }, orderBy: { number: "desc" }, select: { number: true } });
  const spec = validateSpec(args.revision.content).spec;
  const status = args.status ?? "succeeded";
  const createdAt = args.createdAt ?? new Date();
  const finished = status === "succeeded" || status === "failed" || status === "cancelled";
  const run = await db.run.create({
    data: {
      workspaceId: args.workspaceId,
      number: (last?.number ?? 0) + 1,
      specId: args.spec.id,
      specName: args.spec.name,
      revisionId: args.revision.id,
      revisionNumber: args.revision.number,
      revisionHash: args.revision.contentHash,
      status,
      providerKind: "offline",
      providerName: "Offline scaffolder",
      model: "offline-scaffold",
      parameters: { temperature: 0.2, maxOutputTokens: 4000 },
      language: spec?.language ?? "python",
      triggeredById: args.triggeredBy.id,
      triggeredByLabel: args.triggeredBy.email,
      rerunOfId: args.rerunOfId ?? null,
      inputTokens: 1200,
      outputTokens: 3400,
      createdAt,
      startedAt: status === "queued" ? null : createdAt,
      finishedAt: finished ? new Date(createdAt.getTime() + 4000) : null,
    },
  });
  const modules: Awaited<ReturnType<typeof db.module.create>>[] = [];
  for (const m of args.modules ?? []) {
    modules.push(
      await db.module.create({
        data: {
          runId: run.id,
          workspaceId: args.workspaceId,
          stepKey: m.stepKey,
          role: m.role ?? "module",
          path: m.path,
          language: "python",
          content: m.content,
          contentHash: sha256(m.content),
          findings: (m.findings ?? []) as never,
          stepHash: spec ? stepHash(spec, m.stepKey) : "",
          carriedFromId: m.carriedFromId ?? null,
        },
      }),
    );
  }
  return { run, modules, byPath: (p: string) => modules.find((m) => m.path === p)! };
}

/**
 * A workspace for review tests: the owner (who triggers runs), reviewers Alice and Bob, viewer Vic and a spec with
 * one revision of TWO_STEP_YAML.
 */
export async function makeReviewWorkspace(db: Db, settings: { approvalsRequired?: number; allowSelfApproval?: boolean } = {}) {
  const { ws, owner } = await makeWorkspace();
  await db.workspace.update({ where: { id: ws.id }, data: settings });
  const ownerUser: TestUser = { id: owner.id, email: owner.email, name: owner.name };
  const alice = await addMember(db, ws.id, "reviewer", "Alice Archer");
  const bob = await addMember(db, ws.id, "reviewer", "Bob Baker");
  const vic = await addMember(db, ws.id, "viewer", "Vic Viewer");
  const ownerAccess = await accessAs(db, ws.id, ownerUser, "spec:write");
  const spec = await createSpec(db, ownerAccess, { name: uniq("spec"), content: TWO_STEP_YAML, source: "blank" });
  const revision = await addSpecRevision(db, ownerAccess, spec.id, TWO_STEP_YAML);
  const as = (u: TestUser, scope: Scope = "review:decide") => accessAs(db, ws.id, u, scope);
  return { ws, owner: ownerUser, alice, bob, vic, spec, revision, as };
}
