"use client";
import { useActionState } from "react";
import type { FormState } from "../_lib/actions";

type Field = { name: string; label: string; type: string; autoComplete: string };

export default function AuthForm({ action, fields, submit, next }: { action: (s: FormState, f: FormData) => Promise<FormState>; fields: Field[]; submit: string; next: string }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="auth-form">
      <input type="hidden" name="next" value={next} />
      {fields.map((f) => (
        <label key={f.name}>
          {f.label}
          <input name={f.name} type={f.type} autoComplete={f.autoComplete} required />
        </label>
      ))}
      {state?.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      <button className="primary" type="submit" disabled={pending}>
        {submit}
      </button>
    </form>
  );
}
