"use client";
import { useRouter } from "next/navigation";
import { setLocaleAction } from "../_lib/actions";

export default function LocaleSwitch({ to, label }: { to: string; label: string }) {
  const router = useRouter();
  return (
    <button className="linkish" onClick={async () => (await setLocaleAction(to), router.refresh())}>
      {label}
    </button>
  );
}
