import type { RequestMeta } from "@/lib/auth/principal";

/** Header the studio's own HTTP server sets from the socket address (scripts/server.ts); clients cannot forge it. */
export const CLIENT_IP_HEADER = "x-studio-client-ip";

export function requestMeta(headers: Headers): RequestMeta {
  const forwarded = process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true"
    ? headers.get("x-forwarded-for")?.split(",")[0]?.trim()
    : undefined;
  return {
    ip: forwarded || headers.get(CLIENT_IP_HEADER) || null,
    userAgent: headers.get("user-agent")?.slice(0, 500) ?? null,
  };
}
