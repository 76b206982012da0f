// What the customer reads when the order is ready. One wording for SMS and email so
// the two channels never disagree.

export type ReadyMessageInput = { customerName: string; ticketNumber: number; storeName: string };

export const readySmsText = ({ customerName, ticketNumber, storeName }: ReadyMessageInput) =>
  `${customerName}, your ${storeName} order #${ticketNumber} is ready for pickup.`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function readyEmail(input: ReadyMessageInput): { subject: string; text: string; html: string } {
  const line = readySmsText(input);
  const store = escapeHtml(input.storeName);
  return {
    subject: `Your coffee is ready — order #${input.ticketNumber}`,
    text: `Your coffee is ready\n\n${line}\n\n— ${input.storeName}\n`,
    html: [
      `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917">`,
      `<h1 style="font-size:20px">Your coffee is ready</h1>`,
      `<p style="font-size:32px;font-weight:700;margin:8px 0">#${input.ticketNumber}</p>`,
      `<p>${escapeHtml(line)}</p>`,
      `<p style="color:#78716c">${store}</p>`,
      `</body></html>`,
    ].join(""),
  };
}
