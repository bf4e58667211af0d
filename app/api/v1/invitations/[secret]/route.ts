import { getDb } from "@/lib/db";
import { publicRoute } from "@/lib/api/handler";
import { describeInvitation } from "@/lib/members/invitations";

export const GET = publicRoute<{ secret: string }>(async ({ params }) => ({ invitation: await describeInvitation(getDb(), params.secret) }));
