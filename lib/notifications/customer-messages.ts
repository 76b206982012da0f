import type { UnsubscribeLinks } from "../consent/unsubscribe-links.ts";
import type { OrderEvent } from "../messages/order-events.ts";
import type { Receipt } from "./receipt.ts";
import {
  DEFAULT_TEMPLATES,
  EMAIL_HEADINGS,
  escapeHtml,
  renderHtmlParagraphs,
  renderTemplate,
  type MessageTemplate,
  type TemplateEvent,
  type TemplateKey,
  type TemplateValues,
} from "./templates.ts";

// What the customer reads about their order: the manager's templates for the event
// (NotificationTemplate), or the built-in wording for a channel without one. The ready
// email carries the receipt; a cancellation says what happens to an online payment.

export type MessageInput = { customerName: string; ticketNumber: number; storeName: string };
export type CustomerMessage = {
  sms: string;
  email: { subject: string; text: string; html: string };
  /** Web Push: the notification's title and text (the text message's words). */
  push: { title: string; body: string };
};
export type MessageTemplates = Partial<Record<TemplateKey, MessageTemplate>>;
/** What the order adds to the words: the receipt (ready email), the refund sentence (cancellation), the unsubscribe links (emails). */
export type MessageExtras = { receipt?: Receipt | null; refund?: string; unsubscribe?: UnsubscribeLinks | undefined };

/**
 * A template written before {refund} existed (or without it) still tells a customer who
 * paid online about their money: the sentence goes at its end.
 */
function withRefund(template: MessageTemplate, values: TemplateValues, separator: string): string {
  return values.refund && !template.body.includes("{refund}") ? `${template.body}${separator}{refund}` : template.body;
}

/** The email's last line: the unsubscribe page a person opens (the one-click URL goes in a header, email-sender.ts). */
const UNSUBSCRIBE_PROMPT = "Don't want these emails?";
const unsubscribeFooter = (links: UnsubscribeLinks | undefined) =>
  links
    ? {
        text: `\n${UNSUBSCRIBE_PROMPT} Unsubscribe: ${links.pageUrl}\n`,
        html: `<p style="color:#78716c;font-size:12px">${escapeHtml(UNSUBSCRIBE_PROMPT)} <a href="${escapeHtml(links.pageUrl)}" style="color:#78716c">Unsubscribe</a></p>`,
      }
    : { text: "", html: "" };

type Extras = Pick<MessageExtras, "receipt" | "unsubscribe">;

function message(event: TemplateEvent, values: TemplateValues, templates: MessageTemplates, extras: Extras = {}): CustomerMessage {
  const receipt = extras.receipt ?? null;
  const footer = unsubscribeFooter(extras.unsubscribe);
  const sms = templates[`${event}:SMS`] ?? DEFAULT_TEMPLATES[`${event}:SMS`];
  const email = templates[`${event}:EMAIL`] ?? DEFAULT_TEMPLATES[`${event}:EMAIL`];
  const emailBody = withRefund(email, values, "\n\n");
  const heading = EMAIL_HEADINGS[event];
  // A subject is one line whatever was typed into the values.
  const subject = renderTemplate(email.subject ?? heading, values).replace(/[\r\n]+/g, " ");
  // An empty {refund} at the end leaves a space behind.
  const text = renderTemplate(withRefund(sms, values, " "), values).trim();
  return {
    sms: text,
    push: { title: `${heading} · #${values.ticket}`, body: text },
    email: {
      subject,
      text: `${heading}\n\n${renderTemplate(emailBody, values).trim()}\n\n${receipt ? `${receipt.text}\n\n` : ""}— ${values.store}\n${footer.text}`,
      html: [
        `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917">`,
        `<h1 style="font-size:20px">${escapeHtml(heading)}</h1>`,
        `<p style="font-size:32px;font-weight:700;margin:8px 0">#${escapeHtml(values.ticket)}</p>`,
        renderHtmlParagraphs(emailBody, values),
        receipt?.html ?? "",
        `<p style="color:#78716c">${escapeHtml(values.store)}</p>`,
        footer.html,
        `</body></html>`,
      ].join(""),
    },
  };
}

const valuesOf = (input: MessageInput, reason = "", refund = ""): TemplateValues => ({
  name: input.customerName,
  ticket: String(input.ticketNumber),
  store: input.storeName,
  // The templates end the reason with their own full stop.
  reason: reason.replace(/[.!?]*$/, ""),
  refund,
});

export const readyMessage = (input: MessageInput & Extras, templates: MessageTemplates = {}): CustomerMessage =>
  message("order.ready", valuesOf(input), templates, input);

/** The barista's reason is quoted as written; "Please see the barista" covers remakes; refund is the refund sentence, or empty. */
export const cancelledMessage = (
  input: MessageInput & { reason: string; refund?: string; unsubscribe?: UnsubscribeLinks | undefined },
  templates: MessageTemplates = {},
): CustomerMessage => message("order.cancelled", valuesOf(input, input.reason, input.refund), templates, { unsubscribe: input.unsubscribe });

export const customerMessage = (event: OrderEvent, input: MessageInput, templates: MessageTemplates = {}, extras: MessageExtras = {}): CustomerMessage =>
  event.type === "order.ready"
    ? readyMessage({ ...input, receipt: extras.receipt, unsubscribe: extras.unsubscribe }, templates)
    : cancelledMessage({ ...input, reason: event.reason, refund: extras.refund, unsubscribe: extras.unsubscribe }, templates);
