import { z } from "zod";
import type { Endpoint } from "@/lib/api/openapi/registry";
import {
  createRevisionSchema,
  createSpecSchema,
  listSpecsQuerySchema,
  revisionSchema,
  specDetailSchema,
  specSummarySchema,
  updateSpecSchema,
  validateRequestSchema,
  validateResponseSchema,
} from "@/lib/specs/schemas";

const S = "/api/v1/workspaces/{slug}/specs";

export const specEndpoints: Endpoint[] = [
  { method: "get", path: S, summary: "List specs (search by name, archived filter)", tag: "specs", scope: "spec:read", query: listSpecsQuerySchema, response: z.object({ specs: z.array(specSummarySchema), nextCursor: z.string().nullable() }) },
  { method: "post", path: S, summary: "Create a spec (blank, from an example, or imported)", tag: "specs", scope: "spec:write", body: createSpecSchema, status: 201, response: z.object({ spec: specDetailSchema }) },
  { method: "get", path: `${S}/{specId}`, summary: "Get a spec with its live text and diagnostics", tag: "specs", scope: "spec:read", response: z.object({ spec: specDetailSchema }) },
  { method: "patch", path: `${S}/{specId}`, summary: "Rename, archive, or replace the text (live editors see the change)", tag: "specs", scope: "spec:write", body: updateSpecSchema, response: z.object({ spec: specDetailSchema }) },
  { method: "get", path: `${S}/{specId}/export`, summary: "Download the spec as a .yaml file", tag: "specs", scope: "spec:read", response: z.string() },
  { method: "get", path: `${S}/{specId}/revisions`, summary: "List revisions, newest first", tag: "specs", scope: "spec:read", response: z.object({ revisions: z.array(revisionSchema) }) },
  { method: "post", path: `${S}/{specId}/revisions`, summary: "Save the live text as a revision", tag: "specs", scope: "spec:write", body: createRevisionSchema, status: 201, response: z.object({ revision: revisionSchema }) },
  { method: "get", path: `${S}/{specId}/revisions/{revisionId}`, summary: "Get a revision with its text", tag: "specs", scope: "spec:read", response: z.object({ revision: revisionSchema }) },
  { method: "post", path: `${S}/{specId}/revisions/{revisionId}/restore`, summary: "Restore a revision (as a new revision)", tag: "specs", scope: "spec:write", status: 201, response: z.object({ revision: revisionSchema }) },
  { method: "post", path: "/api/v1/validate", summary: "Validate spec text without saving", tag: "specs", body: validateRequestSchema, response: validateResponseSchema },
];
