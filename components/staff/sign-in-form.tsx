"use client";

import { useId, useState, type ReactNode } from "react";
import { askSentence, originAdvice, type OriginAdvice, type ShopOrigins } from "../../lib/http/origin-advice.ts";
import { safeNextPath } from "../../lib/http/safe-next-path.ts";
import { callApi, type ApiFailure, type ApiResult } from "../api/api-client.ts";

const inputClass =
  "mt-1 block min-h-12 w-full rounded-xl border border-line bg-surface px-3 text-base focus:border-accent aria-[invalid=true]:border-danger";

type Step = "sign-in" | "change";

/** A message, or why this address is refused (better-auth's 403 "Invalid origin"). */
type Problem = string | { refused: OriginAdvice };

/** better-auth refused the request's Origin: the page is open at an address it does not accept. */
const isOriginRefusal = (failure: ApiFailure) => failure.status === 403 && failure.code === "INVALID_ORIGIN";

/**
 * better-auth's answer. A success whose body was cut off still set the session cookie
 * with its headers, so it counts as done (the page after it asks again if need be).
 */
const post = <T,>(url: string, body: unknown): Promise<ApiResult<T | null>> =>
  callApi<T | null>(url, { method: "POST", body }).then((result) => (result.ok || result.kind !== "cut-off" ? result : { ok: true, status: result.status, data: null }));

function problem(failure: ApiFailure, fallback: string): string {
  if (failure.kind !== "refused") return failure.message;
  if (failure.status === 429) return "Too many attempts. Wait a minute and try again.";
  if (failure.code === "INVALID_EMAIL_OR_PASSWORD") return "That email and password don't match an account.";
  if (failure.code === "INVALID_PASSWORD") return "The one-time password is not right.";
  if (failure.code === "PASSWORD_TOO_SHORT") return "The new password must be at least 12 characters.";
  return failure.serverMessage ?? fallback;
}

/** Why sign-in is refused at this address and what to do, with the addresses as links. */
function OriginRefused({ advice }: { advice: OriginAdvice }) {
  return (
    <span className="block">
      <span className="block">{advice.reason}</span>
      <span className="mt-1 block font-normal">
        {advice.openAt.length > 0 && "Open "}
        {advice.openAt.map((url, i) => (
          <span key={url}>
            {i > 0 && " or "}
            <a href={url} className="underline">
              {url}
            </a>
          </span>
        ))}
        {advice.openAt.length > 0 && ", or "}
        {askSentence(advice)}
      </span>
    </span>
  );
}

function Field(props: { label: string; name: string; type: string; autoComplete: string; value: string; onChange: (v: string) => void; invalid: boolean; hint?: ReactNode }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="font-medium">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type}
        required
        autoComplete={props.autoComplete}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.invalid || undefined}
        className={inputClass}
      />
      {props.hint && <p className="mt-1 text-sm text-muted">{props.hint}</p>}
    </div>
  );
}

/**
 * Email and password; then, for a one-time password, the step that replaces it.
 * `refusedAt`: the page's own origin when the server already knows sign-in will be
 * refused there (shown above the fields); a 403 for the origin is explained the same way.
 */
export function SignInForm(props: { next: string; mustChange: boolean; email?: string; origins: ShopOrigins; refusedAt: string | null }) {
  const { next, mustChange, email: knownEmail, origins, refusedAt } = props;
  const [step, setStep] = useState<Step>(mustChange ? "change" : "sign-in");
  const [email, setEmail] = useState(knownEmail ?? "");
  const [password, setPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // The page already checked `next`; checked again here because this is what navigates.
  const target = safeNextPath(next);

  // The browser sends its own origin as Origin: that is the address refused.
  const refused = (failure: ApiFailure, fallback: string): Problem =>
    isOriginRefusal(failure) ? { refused: originAdvice(window.location.origin, origins) } : problem(failure, fallback);

  const signIn = async () => {
    const result = await post<{ user?: { mustChangePassword?: boolean } }>("/api/auth/sign-in/email", { email, password });
    if (!result.ok) return setError(refused(result, "Could not sign in. Try again."));
    const user = result.data?.user;
    if (user?.mustChangePassword) {
      setStep("change");
      setError(null);
    } else window.location.assign(target);
  };

  const change = async () => {
    if (newPassword !== confirm) return setError("The two new passwords are different.");
    if (newPassword === password) return setError("Choose a password different from the one-time password.");
    const result = await post("/api/auth/change-password", { currentPassword: password, newPassword, revokeOtherSessions: true });
    if (!result.ok) return setError(refused(result, "Could not change the password. Try again."));
    window.location.assign(target);
  };

  return (
    <form
      data-testid={step === "change" ? "change-password-form" : "sign-in-form"}
      className="mt-6 space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        await (step === "change" ? change() : signIn());
        setBusy(false);
      }}
    >
      {/* Moves into the alert below once a sign-in attempt is refused for it. */}
      {refusedAt && (error === null || typeof error === "string") ? (
        <p data-testid="origin-refused" className="rounded-xl border border-danger p-3 font-medium">
          <OriginRefused advice={originAdvice(refusedAt, origins)} />
        </p>
      ) : null}
      {step === "sign-in" ? (
        <>
          <Field label="Email" name="email" type="email" autoComplete="username" value={email} onChange={setEmail} invalid={typeof error === "string"} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" value={password} onChange={setPassword} invalid={typeof error === "string"} />
        </>
      ) : (
        <>
          <p className="rounded-xl bg-accent-soft p-3" data-testid="change-password-notice">
            Change your one-time password before you go on. Choose one of at least 12 characters that only you know.
          </p>
          {(mustChange || !password) && (
            <Field label="One-time password" name="current" type="password" autoComplete="current-password" value={password} onChange={setPassword} invalid={false} />
          )}
          <Field label="New password" name="new" type="password" autoComplete="new-password" value={newPassword} onChange={setNewPassword} invalid={typeof error === "string"} hint="At least 12 characters." />
          <Field label="New password again" name="confirm" type="password" autoComplete="new-password" value={confirm} onChange={setConfirm} invalid={typeof error === "string"} />
        </>
      )}
      <p role="alert" data-testid="sign-in-error" className="min-h-6 font-medium text-danger">
        {typeof error === "string" || error === null ? error : <OriginRefused advice={error.refused} />}
      </p>
      <button type="submit" disabled={busy} className="min-h-12 w-full rounded-2xl bg-accent px-5 text-lg font-semibold text-accent-ink hover:bg-accent-strong disabled:opacity-50">
        {busy ? "One moment…" : step === "change" ? "Save new password" : "Sign in"}
      </button>
    </form>
  );
}
