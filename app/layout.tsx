import type { ReactNode } from "react";
import Link from "next/link";
import "./globals.css";
import { getSession, getT } from "./_lib/session";
import { signOutAction } from "./_lib/actions";
import { csrfToken } from "../lib/web/auth/session-token";
import { can } from "../lib/web/roles";
import LocaleSwitch from "./_components/LocaleSwitch";

export const metadata = {
  title: "Drydock — CKA labs with real tools",
  description: "Practise Kubernetes administration on a three-node kubeadm v1.32 cluster that starts in a second.",
};

export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const s = await getSession();
  const { t, locale } = await getT(s?.viewer);
  return (
    <html lang={locale}>
      <body>
        <nav className="topnav">
          <Link href="/" className="brand">
            Drydock
          </Link>
          <Link href="/lessons">{t("nav.lessons")}</Link>
          <Link href="/exercises">{t("nav.catalogue")}</Link>
          <Link href="/exams">{t("nav.exams")}</Link>
          {s && <Link href="/classes">{t("nav.classes")}</Link>}
          {can(s?.viewer, "user:role") && <Link href="/admin">{t("nav.admin")}</Link>}
          <span className="spacer" />
          <LocaleSwitch to={locale === "en" ? "ko" : "en"} label={t("lang.switch")} />
          {s ? (
            <form action={signOutAction}>
              <input type="hidden" name="csrf" value={csrfToken(s.sessionId, s.csrfSecret)} />
              <span className="who">
                {s.viewer.name}
                {can(s.viewer, "class:create") ? ` (${s.viewer.role})` : ""}
              </span>
              <button className="linkish" type="submit">
                {t("nav.signOut")}
              </button>
            </form>
          ) : (
            <>
              <Link href="/signin">{t("nav.signIn")}</Link>
              <Link href="/signup">{t("nav.signUp")}</Link>
            </>
          )}
        </nav>
        {children}
      </body>
    </html>
  );
}
