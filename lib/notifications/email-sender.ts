import nodemailer from "nodemailer";

export type Email = { to: string; subject: string; text: string; html: string };

export type EmailSender = {
  send: (email: Email) => Promise<{ providerId: string }>;
  close: () => void;
};

/** SMTP via nodemailer; smtpUrl like smtp://user:pass@host:587 or smtps://host:465. */
export function createSmtpEmailSender(options: { smtpUrl: string; from: string }): EmailSender {
  const transporter = nodemailer.createTransport(options.smtpUrl);
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
