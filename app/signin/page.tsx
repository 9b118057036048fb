import Link from "next/link";
import AuthForm from "../_components/AuthForm";
import { signInAction } from "../_lib/actions";
import { getT } from "../_lib/session";

export default async function SignIn({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { t } = await getT();
  const next = (await searchParams).next ?? "/exercises";
  return (
    <main className="narrow">
      <h1>{t("auth.signInTitle")}</h1>
      <AuthForm
        action={signInAction}
        next={next}
        submit={t("nav.signIn")}
        fields={[
          { name: "email", label: t("auth.email"), type: "email", autoComplete: "email" },
          { name: "password", label: t("auth.password"), type: "password", autoComplete: "current-password" },
        ]}
      />
      <p>
        {t("auth.noAccount")} <Link href={`/signup?next=${encodeURIComponent(next)}`}>{t("nav.signUp")}</Link>
      </p>
    </main>
  );
}
