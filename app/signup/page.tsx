import Link from "next/link";
import AuthForm from "../_components/AuthForm";
import { signUpAction } from "../_lib/actions";
import { getT } from "../_lib/session";

export default async function SignUp({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { t } = await getT();
  const next = (await searchParams).next ?? "/exercises";
  return (
    <main className="narrow">
      <h1>{t("auth.signUpTitle")}</h1>
      <AuthForm
        action={signUpAction}
        next={next}
        submit={t("nav.signUp")}
        fields={[
          { name: "name", label: t("auth.name"), type: "text", autoComplete: "name" },
          { name: "email", label: t("auth.email"), type: "email", autoComplete: "email" },
          { name: "password", label: t("auth.password"), type: "password", autoComplete: "new-password" },
        ]}
      />
      <p>
        {t("auth.haveAccount")} <Link href={`/signin?next=${encodeURIComponent(next)}`}>{t("nav.signIn")}</Link>
      </p>
    </main>
  );
}
