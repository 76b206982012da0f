export const dynamic = "force-dynamic";

/** Liveness: the process serves requests. Dependencies are checked by /api/ready. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
