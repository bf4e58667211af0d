import { resourceRoute } from "@/lib/api/handler";
import { moduleWorkspaceId } from "@/lib/review/modules";
import { moduleDetail } from "@/lib/review/views";

export const GET = resourceRoute<{ moduleId: string }>("review:read", (db, p) => moduleWorkspaceId(db, p.moduleId), ({ db, access, params }) => moduleDetail(db, access.workspace.id, params.moduleId));
