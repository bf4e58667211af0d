import { getDb } from "@/lib/db";
import { publicRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { assertSameOrigin } from "@/lib/api/csrf";
import { consume } from "@/lib/rate-limit";
import { signUp, signUpSchema } from "@/lib/users/sign-up";

export const POST = publicRoute(async ({ req, meta }) => {
  assertSameOrigin(req);
  await consume("signup:ip", meta.ip ?? "unknown", "sign-ups from your network");
  const input = await parseJsonBody(req, signUpSchema);
  const user = await signUp(getDb(), input, meta);
  return Response.json({ user }, { status: 201 });
});
