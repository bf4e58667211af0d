import type { Prisma } from "@/lib/generated/prisma/client";
import type { SpecDiagnostic } from "@/lib/specs/types";
import { validateSpec } from "@/lib/specs/format";

type SpecRow = Prisma.SpecGetPayload<object> & {
  revisions?: { id: string; number: number; valid: boolean; createdAt: Date }[];
};

export function toSpecSummary(s: SpecRow) {
  const latest = s.revisions?.[0];
  return {
    id: s.id,
    name: s.name,
    valid: s.valid,
    archived: s.archivedAt !== null,
    updatedAt: s.updatedAt.toISOString(),
    createdAt: s.createdAt.toISOString(),
    latestRevision: latest ? { id: latest.id, number: latest.number, valid: latest.valid, createdAt: latest.createdAt.toISOString() } : null,
  };
}

export function toSpecDetail(s: SpecRow, content = s.content) {
  return { ...toSpecSummary(s), content, diagnostics: validateSpec(content).diagnostics };
}

type RevisionRow = Prisma.SpecRevisionGetPayload<object>;

export function toRevisionView(r: RevisionRow, full = false) {
  return {
    id: r.id,
    number: r.number,
    message: r.message,
    valid: r.valid,
    contentHash: r.contentHash,
    author: r.authorLabel,
    restoredFromId: r.restoredFromId,
    createdAt: r.createdAt.toISOString(),
    ...(full ? { content: r.content, diagnostics: r.diagnostics as unknown as SpecDiagnostic[] } : {}),
  };
}
