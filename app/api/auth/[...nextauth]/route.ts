import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth-options";
import { errorResponse } from "@/lib/api/respond";
import { requestMeta } from "@/lib/api/request-meta";
import { consume } from "@/lib/rate-limit";

type Ctx = { params: Promise<{ nextauth: string[] }> };

const handle = (req: Request, ctx: Ctx) => NextAuth(req as never, ctx as never, authOptions()) as Promise<Response>;

export const GET = handle;

/** Password sign-in is rate limited per IP and per account before next-auth checks the password. */
export async function POST(req: Request, ctx: Ctx): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    try {
      const form = await req.clone().formData();
      const email = String(form.get("email") ?? "").trim().toLowerCase();
      await consume("signin:ip", requestMeta(req.headers).ip ?? "unknown", "sign-in attempts from your network");
      if (email) await consume("signin:account", email, "sign-in attempts for this account");
    } catch (err) {
      return errorResponse(err);
    }
  }
  return handle(req, ctx);
}
