import type { OrderEvent } from "../messages/order-events.ts";
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
// (NotificationTemplate), or the built-in wording for a channel without one.

export type MessageInput = { customerName: string; ticketNumber: number; storeName: string };
export type CustomerMessage = { sms: string; email: { subject: string; text: string; html: string } };
export type MessageTemplates = Partial<Record<TemplateKey, MessageTemplate>>;

function message(event: TemplateEvent, values: TemplateValues, templates: MessageTemplates): CustomerMessage {
  const sms = templates[`${event}:SMS`] ?? DEFAULT_TEMPLATES[`${event}:SMS`];
  const email = templates[`${event}:EMAIL`] ?? DEFAULT_TEMPLATES[`${event}:EMAIL`];
  const heading = EMAIL_HEADINGS[event];
  // A subject is one line whatever was typed into the values.
  const subject = renderTemplate(email.subject ?? heading, values).replace(/[\r\n]+/g, " ");
  return {
    sms: renderTemplate(sms.body, values),
    email: {
      subject,
      text: `${heading}\n\n${renderTemplate(email.body, values)}\n\n— ${values.store}\n`,
      html: [
        `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917">`,
        `<h1 style="font-size:20px">${escapeHtml(heading)}</h1>`,
        `<p style="font-size:32px;font-weight:700;margin:8px 0">#${escapeHtml(values.ticket)}</p>`,
        renderHtmlParagraphs(email.body, values),
        `<p style="color:#78716c">${escapeHtml(values.store)}</p>`,
        `</body></html>`,
      ].join(""),
    },
  };
}

const valuesOf = (input: MessageInput, reason = ""): TemplateValues => ({
  name: input.customerName,
  ticket: String(input.ticketNumber),
  store: input.storeName,
  // The templates end the reason with their own full stop.
  reason: reason.replace(/[.!?]*$/, ""),
});

export const readyMessage = (input: MessageInput, templates: MessageTemplates = {}): CustomerMessage =>
  message("order.ready", valuesOf(input), templates);

/** The barista's reason is quoted as written; "Please see the barista" covers refunds and remakes. */
export const cancelledMessage = (input: MessageInput & { reason: string }, templates: MessageTemplates = {}): CustomerMessage =>
  message("order.cancelled", valuesOf(input, input.reason), templates);

export const customerMessage = (event: OrderEvent, input: MessageInput, templates: MessageTemplates = {}): CustomerMessage =>
  event.type === "order.ready" ? readyMessage(input, templates) : cancelledMessage({ ...input, reason: event.reason }, templates);
