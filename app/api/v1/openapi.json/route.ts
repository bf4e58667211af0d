import { buildOpenApi } from "@/lib/api/openapi/registry";
import { endpoints } from "@/lib/api/openapi/endpoints/index";

export const dynamic = "force-static";

export function GET() {
  return Response.json(buildOpenApi(endpoints, { title: "Spec Studio API", version: "1" }));
}
