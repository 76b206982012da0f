// How the manager's pages talk to /api/admin/*: JSON in, JSON out, and a refusal turned
// into a message plus field-level errors (from zod's issues or details.fields).

export type FieldErrors = Record<string, string>;
export type ApiResult<T> = { ok: true; data: T } | { ok: false; message: string; fields: FieldErrors };

type ErrorBody = { error?: { message?: string; details?: { issues?: { path?: string; message?: string }[]; fields?: FieldErrors } } };

/** Field errors keyed by the top-level field (`items[0].x` → `items`), first message wins. */
export function fieldErrorsOf(body: unknown): FieldErrors {
  const details = (body as ErrorBody | null)?.error?.details;
  const fields: FieldErrors = { ...(details?.fields ?? {}) };
  for (const issue of details?.issues ?? []) {
    const key = (issue.path ?? "").split(/[.[]/)[0] || "form";
    fields[key] ??= issue.message ?? "check this field";
  }
  return fields;
}

export async function callApi<T>(url: string, init: { method: string; body?: unknown; raw?: Blob }): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.raw ? { "content-type": init.raw.type } : init.body === undefined ? {} : { "content-type": "application/json" },
      body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
  } catch {
    return { ok: false, message: "Could not reach the server. Check the connection and try again.", fields: {} };
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return { ok: true, data: body as T };
  if (response.status === 401) return { ok: false, message: "Your session has ended: sign in again.", fields: {} };
  return { ok: false, message: (body as ErrorBody | null)?.error?.message ?? `The server said ${response.status}`, fields: fieldErrorsOf(body) };
}
