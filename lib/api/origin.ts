/** The public origin of the studio for links: STUDIO_URL, else the request's own origin. */
export function publicOrigin(req: Request): string {
  return process.env.STUDIO_URL?.replace(/\/$/, "") ?? new URL(req.url).origin;
}
