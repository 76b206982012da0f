import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

// Plumbing shared by the stand-in's parts: Stripe-style ids, errors and bodies.

type Params = { [key: string]: Param };
export type Param = string | Params | Param[];

/** An answer in Stripe's error shape, with Stripe's status code. */
export class StandInError extends Error {
  constructor(
    readonly status: number,
    readonly type: "invalid_request_error" | "card_error" | "idempotency_error" | "api_error",
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }

  body() {
    return { error: { type: this.type, message: this.message, ...(this.code ? { code: this.code } : {}), ...(this.param ? { param: this.param } : {}) } };
  }
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** "cs_test_a1B2…": Stripe's prefixes before 24 random base-62 characters. */
export const newId = (prefix: string) => prefix + [...randomBytes(24)].map((b) => ALPHABET[b % ALPHABET.length]).join("");

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new StandInError(413, "invalid_request_error", "Request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The SDK's form encoding back into objects: `line_items[0][price_data][unit_amount]=450`
 * becomes { line_items: [{ price_data: { unit_amount: "450" } }] }. Values stay strings, as
 * Stripe receives them; objects whose keys are 0, 1, 2… become arrays.
 */
export function parseForm(body: string): Params {
  const root: Params = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const path = name.match(/^[^[\]]+|\[[^[\]]*\]/g)?.map((p) => p.replace(/^\[|\]$/g, "")) ?? [name];
    let node: Params = root;
    path.forEach((segment, i) => {
      const key = segment === "" ? String(Object.keys(node).length) : segment; // a[]=x
      if (i === path.length - 1) node[key] = value;
      else {
        const next = node[key];
        node = next && typeof next === "object" && !Array.isArray(next) ? next : (node[key] = {});
      }
    });
  }
  return arraysOf(root) as Params;
}

function arraysOf(value: Param): Param {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((k) => [k, arraysOf(value[k]!)] as const);
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return entries.map(([, v]) => v);
  return Object.fromEntries(entries);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Request-Id": newId("req_"), ...headers });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(html);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
