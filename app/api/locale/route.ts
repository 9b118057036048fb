// POST /api/locale {"locale":"ko"}: sets the UI language. A route handler (not an action) so
// scripts and the CSRF e2e test have a plain mutating endpoint; it runs the same origin check.
import { cookies } from "next/headers";
import { isLocale } from "../../../lib/web/i18n";
import { refuseCrossOrigin, LOCALE_COOKIE } from "../../_lib/session";

export async function POST(req: Request) {
  const refused = refuseCrossOrigin(req);
  if (refused) return refused;
  const body = (await req.json().catch(() => null)) as { locale?: unknown } | null;
  const locale = typeof body?.locale === "string" ? body.locale : "";
  if (!isLocale(locale)) return Response.json({ error: 'locale must be "en" or "ko"' }, { status: 400 });
  (await cookies()).set(LOCALE_COOKIE, locale, { sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
  return Response.json({ locale });
}
