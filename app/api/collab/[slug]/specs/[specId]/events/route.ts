import * as Y from "yjs";
import { encodeAwarenessUpdate } from "y-protocols/awareness";
import { workspaceRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { sseResponse } from "@/lib/http/sse";
import { getRoom, subscribe } from "@/lib/collab/rooms";
import { collabEventsQuerySchema } from "@/lib/collab/schemas";
import { toBase64 } from "@/lib/collab/doc-codec";
import { getSpecOrThrow } from "@/lib/specs/queries";
import { roleCan, tokenScopesAllow } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/** The live document stream: the full state first, then every update and presence change as it happens. */
export const GET = workspaceRoute<{ slug: string; specId: string }>("spec:read", async ({ req, db, access, params, principal }) => {
  const spec = await getSpecOrThrow(db, access.workspace.id, params.specId);
  const { clientId } = parseQuery(req.url, collabEventsQuerySchema);
  const room = await getRoom(spec.id);
  const canEdit =
    spec.archivedAt === null && roleCan(access.role, "spec:write") && (principal.kind !== "token" || tokenScopesAllow(principal.scopes, "spec:write"));
  return sseResponse(req.signal, (send) => {
    send("hello", JSON.stringify({ canEdit, role: access.role, archived: spec.archivedAt !== null }));
    send("sync", toBase64(Y.encodeStateAsUpdate(room.doc)));
    const present = [...room.awareness.getStates().keys()];
    if (present.length) send("awareness", toBase64(encodeAwarenessUpdate(room.awareness, present)));
    return subscribe(room, (e) => void send(e.type, e.data), clientId ?? null);
  });
});
