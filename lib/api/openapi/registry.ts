import { z } from "zod";

export interface Endpoint {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path, e.g. /api/v1/workspaces/{slug}/audit */
  path: string;
  summary: string;
  tag: string;
  /** scope the caller needs in the workspace, if any */
  scope?: string;
  /** more than the summary: who may call it, what it does besides answering */
  description?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** media type of the success answer when it is not JSON (a download, a stream); `response` then describes it */
  contentType?: string;
  status?: number;
  public?: boolean;
}

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().nullable() }),
});

const toSchema = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", unrepresentable: "any", io: "input" });

/** Build an OpenAPI 3.1 document from the endpoints' zod schemas (the same ones the handlers parse with). */
export function buildOpenApi(endpoints: Endpoint[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const params = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    if (e.query) {
      const shape = e.query.shape as Record<string, z.ZodType>;
      for (const [name, s] of Object.entries(shape)) {
        params.push({ name, in: "query", required: !s.safeParse(undefined).success, schema: toSchema(s) as never, ...(s.description ? { description: s.description } : {}) });
      }
    }
    paths[e.path] ??= {};
    paths[e.path][e.method] = {
      summary: e.summary,
      tags: [e.tag],
      ...(e.scope || e.description
        ? { description: [e.scope ? `Requires the \`${e.scope}\` permission in the workspace.` : "", e.description ?? ""].filter(Boolean).join(" ") }
        : {}),
      ...(e.public ? { security: [] } : {}),
      parameters: params,
      ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(e.body) } } } } : {}),
      responses: {
        [String(e.status ?? 200)]:
          e.status === 204
            ? { description: "No content" }
            : { description: "OK", content: { [e.contentType ?? "application/json"]: { schema: toSchema(e.response) } } },
        default: { description: "Error", content: { "application/json": { schema: toSchema(errorSchema) } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info,
    servers: [{ url: "/" }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token (sst_…) from Settings → API tokens." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
    paths,
  };
}
