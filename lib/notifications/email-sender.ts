import nodemailer, { type SendMailOptions } from "nodemailer";

import type { UnsubscribeLinks } from "../consent/unsubscribe-links.ts";

type Email = { to: string; subject: string; text: string; html: string; unsubscribe?: UnsubscribeLinks | undefined };

export type EmailSender = {
  send: (email: Email) => Promise<{ providerId: string }>;
  close: () => void;
};

/** The POST body a mail client sends for one-click unsubscribe (RFC 8058 §3.1). */
const ONE_CLICK_BODY = "List-Unsubscribe=One-Click";

/**
 * What nodemailer is given for an email. With unsubscribe links, the headers of RFC 8058:
 * `List-Unsubscribe: <oneClickUrl>` (nodemailer's `list` writes the angle brackets) and
 * `List-Unsubscribe-Post`, which tells the mail client a POST unsubscribes at once, so its
 * "Unsubscribe" button needs no page. `unsubscribe` itself is not a nodemailer option.
 */
export function mailOptionsOf(email: Email, from: string): SendMailOptions {
  const { unsubscribe, ...message } = email;
  if (!unsubscribe) return { from, ...message };
  return { from, ...message, list: { unsubscribe: unsubscribe.oneClickUrl }, headers: { "List-Unsubscribe-Post": ONE_CLICK_BODY } };
}

/** SMTP via nodemailer; smtpUrl like smtp://user:pass@host:587 or smtps://host:465. */
export function createSmtpEmailSender(options: { smtpUrl: string; from: string }): EmailSender {
  // nodemailer waits up to 10 minutes on a silent server by default; a send must end
  // long before a SENDING claim counts as stale (see notify-customer.ts).
  // Pooled: a connection and its greeting are reused across emails instead of paid
  // for on every "ready" message (most of the send time with a nearby server).
  const transporter = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: 10,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(email) {
      const info = await transporter.sendMail(mailOptionsOf(email, options.from));
      return { providerId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

/** Null when SMTP_URL is not set: orders with an email address then get no email. */
export function createEmailSender(config: { SMTP_URL?: string; MAIL_FROM: string }): EmailSender | null {
  return config.SMTP_URL ? createSmtpEmailSender({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }) : null;
}
