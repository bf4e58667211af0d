import { json } from "@/lib/api/respond";

const notFound = (req: Request) =>
  json(
    { error: { code: "not_found", message: `No API endpoint ${req.method} ${new URL(req.url).pathname}. See /api/v1/openapi.json.`, details: null } },
    { status: 404 },
  );

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
