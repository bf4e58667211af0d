import type { Endpoint } from "@/lib/api/openapi/registry";
import { adminEndpoints } from "@/lib/api/openapi/endpoints/admin";
import { coreEndpoints } from "@/lib/api/openapi/endpoints/core";
import { runEndpoints } from "@/lib/api/openapi/endpoints/runs";
import { specEndpoints } from "@/lib/api/openapi/endpoints/specs";

/** Every /api/v1 endpoint, described from the zod schemas its handler parses with. */
export const endpoints: Endpoint[] = [...coreEndpoints, ...specEndpoints, ...runEndpoints, ...adminEndpoints];
