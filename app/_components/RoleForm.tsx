"use client";
import { useActionState } from "react";
import { setRoleAction } from "../_lib/actions";

export default function RoleForm(props: { csrf: string; userId: string; role: string; roles: { value: string; label: string }[]; save: string; saved: string; label: string }) {
  const [state, action, pending] = useActionState(setRoleAction, undefined);
  return (
    <form action={action} className="inline-form" data-testid={`role-form-${props.userId}`}>
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="userId" value={props.userId} />
      <select name="role" defaultValue={props.role} aria-label={props.label}>
        {props.roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending}>
        {props.save}
      </button>
      {state?.saved && <span className="ok">{props.saved}</span>}
      {state?.error && <span className="error">{state.error}</span>}
    </form>
  );
}
