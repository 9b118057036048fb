"use client";
import { useActionState } from "react";
import { joinClassAction } from "../_lib/actions";

export default function JoinForm({ csrf, label, code }: { csrf: string; label: string; code: string }) {
  const [state, action, pending] = useActionState(joinClassAction, undefined);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="csrf" value={csrf} />
      <input name="code" placeholder={code} required maxLength={20} />
      <button type="submit" disabled={pending}>
        {label}
      </button>
      {state?.error && <span className="error">{state.error}</span>}
    </form>
  );
}
