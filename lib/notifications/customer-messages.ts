import type { OrderEvent } from "../queue/messages.ts";

// What the customer reads about their order. One wording per event for SMS and email,
// so the two channels never disagree.

export type MessageInput = { customerName: string; ticketNumber: number; storeName: string };
export type CustomerMessage = { sms: string; email: { subject: string; text: string; html: string } };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function message(input: MessageInput, parts: { line: string; heading: string; subject: string }): CustomerMessage {
  const { line, heading } = parts;
  return {
    sms: line,
    email: {
      subject: parts.subject,
      text: `${heading}\n\n${line}\n\n— ${input.storeName}\n`,
      html: [
        `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917">`,
        `<h1 style="font-size:20px">${escapeHtml(heading)}</h1>`,
        `<p style="font-size:32px;font-weight:700;margin:8px 0">#${input.ticketNumber}</p>`,
        `<p>${escapeHtml(line)}</p>`,
        `<p style="color:#78716c">${escapeHtml(input.storeName)}</p>`,
        `</body></html>`,
      ].join(""),
    },
  };
}

export const readyMessage = (input: MessageInput): CustomerMessage =>
  message(input, {
    line: `${input.customerName}, your ${input.storeName} order #${input.ticketNumber} is ready for pickup.`,
    heading: "Your coffee is ready",
    subject: `Your coffee is ready — order #${input.ticketNumber}`,
  });

/** The barista's reason is quoted as written; "Please see the barista" covers refunds and remakes. */
export const cancelledMessage = (input: MessageInput & { reason: string }): CustomerMessage =>
  message(input, {
    line: `Sorry ${input.customerName}, your ${input.storeName} order #${input.ticketNumber} was cancelled: ${input.reason.replace(/[.!?]*$/, "")}. Please see the barista.`,
    heading: "Your order was cancelled",
    subject: `Your order #${input.ticketNumber} was cancelled`,
  });

export const customerMessage = (event: OrderEvent, input: MessageInput): CustomerMessage =>
  event.type === "order.ready" ? readyMessage(input) : cancelledMessage({ ...input, reason: event.reason });
