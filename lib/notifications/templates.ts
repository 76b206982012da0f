// The words of the customer messages as managers edit them: a template per event and
// channel with {name}, {ticket}, {store}, {reason} and {refund} placeholders. Pure, so the
// rendering (and the escaping of what customers and baristas typed) is unit-tested; the
// worker and the editor's live preview run the same code.

const TEMPLATE_EVENTS = ["order.ready", "order.cancelled"] as const;
export const TEMPLATE_CHANNELS = ["SMS", "EMAIL"] as const;
export type TemplateEvent = (typeof TEMPLATE_EVENTS)[number];
type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];
export type TemplateKey = `${TemplateEvent}:${TemplateChannel}`;

export const TEMPLATE_KEYS = TEMPLATE_EVENTS.flatMap((e) => TEMPLATE_CHANNELS.map((c) => `${e}:${c}` as TemplateKey));

export const isTemplateKey = (key: string): key is TemplateKey => (TEMPLATE_KEYS as string[]).includes(key);

import { formatMinorUnits, type MoneyFormat } from "../money/money-format.ts";

const PLACEHOLDERS = ["name", "ticket", "store", "reason", "refund"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

/** Email subject: null for SMS. */
export type MessageTemplate = { subject: string | null; body: string };

const CANCELLATION_ONLY: readonly Placeholder[] = ["reason", "refund"];

/** Only a cancellation has a reason and a refund; either elsewhere would always read empty. */
export const placeholdersFor = (key: TemplateKey): readonly Placeholder[] =>
  key.startsWith("order.cancelled:") ? PLACEHOLDERS : PLACEHOLDERS.filter((p) => !CANCELLATION_ONLY.includes(p));

const READY_LINE = "{name}, your {store} order #{ticket} is ready for pickup.";
// {refund} is empty unless the order was paid online; the message is trimmed after filling.
const CANCELLED_LINE = "Sorry {name}, your {store} order #{ticket} was cancelled: {reason}. Please see the barista. {refund}";

export type RefundState = "SUCCEEDED" | "PENDING" | "FAILED";

/**
 * What {refund} says about an online payment of a cancelled order, after the worker's
 * refund attempt (it refunds before it announces the cancellation, so SUCCEEDED is the
 * usual case); a refund not done yet or refused is promised, not claimed.
 */
export function refundSentence(state: RefundState, amountCents: number, format: MoneyFormat): string {
  const amount = formatMinorUnits(amountCents, format);
  return state === "SUCCEEDED"
    ? `Your payment of ${amount} has been refunded to your card; it can take 5-10 days to show.`
    : `We'll refund your payment of ${amount} — talk to us if you don't see it in a few days.`;
}

export const DEFAULT_TEMPLATES: Record<TemplateKey, MessageTemplate> = {
  "order.ready:SMS": { subject: null, body: READY_LINE },
  "order.ready:EMAIL": { subject: "Your coffee is ready — order #{ticket}", body: READY_LINE },
  "order.cancelled:SMS": { subject: null, body: CANCELLED_LINE },
  "order.cancelled:EMAIL": { subject: "Your order #{ticket} was cancelled", body: CANCELLED_LINE },
};

/** Headline of the email, above the ticket number; fixed so every email looks the same. */
export const EMAIL_HEADINGS: Record<TemplateEvent, string> = {
  "order.ready": "Your coffee is ready",
  "order.cancelled": "Your order was cancelled",
};

const MAX_BODY_LENGTH = 1000;
const MAX_SUBJECT_LENGTH = 150;
/** One SMS segment (GSM-7); longer texts are split and cost more. */
const SMS_SEGMENT_LENGTH = 160;

/**
 * Values for the length check: a long-ish name and reason, and no refund (most orders are
 * paid at the counter); the preview adds a refund (sampleValues).
 */
export const SAMPLE_VALUES: TemplateValues = { name: "Alexandra", ticket: "128", store: "Brewline Coffee", reason: "We ran out of oat milk", refund: "" };

/** The editor's preview values: SAMPLE_VALUES with a refunded online payment in the store's currency. */
export const sampleValues = (format: MoneyFormat): TemplateValues => ({ ...SAMPLE_VALUES, refund: refundSentence("SUCCEEDED", 450 * 10 ** Math.max(0, format.digits - 2), format) });

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Fills the placeholders; escape is applied to each value (not to the template's own words). */
export function renderTemplate(text: string, values: TemplateValues, escape: (v: string) => string = (v) => v): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? escape(values[name as Placeholder]) : whole,
  );
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A template's paragraphs as HTML: the whole text is escaped, values included. */
export function renderHtmlParagraphs(text: string, values: TemplateValues): string {
  return renderTemplate(text, values)
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

export type TemplateProblems = { subject?: string; body?: string };

function unknownPlaceholders(text: string, allowed: readonly Placeholder[]): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !(allowed as readonly string[]).includes(name));
}

function checkText(text: string, label: string, max: number, allowed: readonly Placeholder[]): string | undefined {
  if (text.trim() === "") return `${label} must not be empty`;
  if (text.length > max) return `${label} must be at most ${max} characters`;
  const unknown = unknownPlaceholders(text, allowed);
  if (unknown.length > 0) {
    return `unknown placeholder ${unknown.map((u) => `{${u}}`).join(", ")}: use ${allowed.map((p) => `{${p}}`).join(", ")}`;
  }
  return undefined;
}

/** Field-level problems of a template for its key; an empty object when it is fine. */
export function validateTemplate(key: TemplateKey, template: MessageTemplate): TemplateProblems {
  const allowed = placeholdersFor(key);
  const problems: TemplateProblems = {};
  const body = checkText(template.body, "the message", MAX_BODY_LENGTH, allowed);
  if (body) problems.body = body;
  if (key.endsWith(":EMAIL")) {
    const subject = checkText(template.subject ?? "", "the subject", MAX_SUBJECT_LENGTH, allowed);
    if (subject) problems.subject = subject;
    else if (/[\r\n]/.test(template.subject ?? "")) problems.subject = "the subject must be one line";
  }
  return problems;
}

/** A warning (not an error) when a text with sample values would take more than one SMS. */
export function smsLengthWarning(body: string): string | null {
  const length = renderTemplate(body, SAMPLE_VALUES).length;
  return length > SMS_SEGMENT_LENGTH
    ? `About ${length} characters with a typical name: longer than one text message (${SMS_SEGMENT_LENGTH}), so it is sent as several.`
    : null;
}

/** "order ready SMS", "order cancelled email": for the audit log. */
export function describeTemplateKey(key: TemplateKey): string {
  const [event, channel] = key.split(":") as [string, string];
  return `${event.replace("order.", "order ")} ${channel === "SMS" ? "SMS" : "email"}`;
}
