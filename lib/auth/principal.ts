/** Who is making a request, once authenticated. Roles are not here: they are read per request in authorize(). */
export type Principal =
  | { kind: "user"; userId: string; email: string; name: string; sessionId: string }
  | {
      kind: "token";
      userId: string;
      email: string;
      name: string;
      tokenId: string;
      tokenName: string;
      /** null for a personal token, which reaches the owner's workspaces */
      workspaceId: string | null;
      scopes: string[];
    };

/** Request facts recorded with audit events. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}
