import { AppError } from "@/lib/errors";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated mutations must come from the studio's own pages: the browser's Origin (or Sec-Fetch-Site)
 * has to match. Bearer-token requests carry no ambient credentials and need no check.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const allowed = new Set<string>();
  if (process.env.STUDIO_URL) allowed.add(new URL(process.env.STUDIO_URL).host);
  if (host) allowed.add(host);
  if (origin && allowed.has(new URL(origin).host)) return;
  throw new AppError(
    "forbidden",
    "Cross-site request refused: mutations with a session cookie must come from the studio's own pages. " +
      "Scripts should use an API token (Authorization: Bearer).",
  );
}
