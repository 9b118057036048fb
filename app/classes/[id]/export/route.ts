// GET /classes/ID/export: the dashboard as CSV (a read: no CSRF check; the role check is in
// lib/web/data/classes.ts).
import { db } from "../../../../lib/web/db/client";
import { dashboard, dashboardCsv } from "../../../../lib/web/data/classes";
import { catalogue } from "../../../../lib/web/exercises";
import { assertCan } from "../../../../lib/web/roles";
import { getViewer } from "../../../_lib/session";

export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const v = await getViewer();
  try {
    assertCan(v, "class:export");
    const d = await dashboard(await db(), v, id, catalogue().exercises.map((e) => e.id));
    return new Response(dashboardCsv(d), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="class-${id}.csv"` } });
  } catch (e) {
    const status = (e as { status?: number }).status ?? 500;
    return Response.json({ error: status === 500 ? "internal error" : (e as Error).message }, { status: status === 403 ? 404 : status });
  }
}
