import nodemailer from "nodemailer";

import type { UnsubscribeLinks } from "../consent/unsubscribe-links.ts";

type Email = { to: string; subject: string; text: string; html: string; unsubscribe?: UnsubscribeLinks | undefined };

export type EmailSender = {
  send: (email: Email) => Promise<{ providerId: string }>;
  close: () => void;
};

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
      const info = await transporter.sendMail({ from: options.from, ...email });
      return { providerId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

/** Null when SMTP_URL is not set: orders with an email address then get no email. */
export function createEmailSender(config: { SMTP_URL?: string; MAIL_FROM: string }): EmailSender | null {
  return config.SMTP_URL ? createSmtpEmailSender({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }) : null;
}
