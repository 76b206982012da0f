import { requireStaff } from "../../../../lib/auth/require-staff.ts";
import { getConfig } from "../../../../lib/config.ts";
import { parseDateRange } from "../../../../lib/dashboard/date-range.ts";
import { listOrdersInRange } from "../../../../lib/dashboard/list-orders-in-range.ts";
import { ordersCsv } from "../../../../lib/dashboard/orders-csv.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { handleRoute } from "../../../../lib/http/handle-route.ts";
import { storeMoneyFormat } from "../../../../lib/money/money-format.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET ?from=YYYY-MM-DD&to=YYYY-MM-DD (business dates; default today): one CSV row per order that reached the kitchen. */
export const GET = handleRoute(async (request) => {
  await requireStaff(request, "manager");
  const config = getConfig();
  const query = new URL(request.url).searchParams;
  const range = parseDateRange({ from: query.get("from"), to: query.get("to") }, { timeZone: config.STORE_TIMEZONE });
  const csv = ordersCsv(await listOrdersInRange({ prisma: getPrisma(), range }), { digits: storeMoneyFormat(config).digits });
  const name = range.from === range.to ? `brewline-orders-${range.from}.csv` : `brewline-orders-${range.from}_${range.to}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
