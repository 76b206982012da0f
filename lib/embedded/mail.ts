// A local SMTP server with a web inbox (maildev) for one-command runs and end-to-end
// tests: the notifier sends real SMTP, and every message can be read in the browser or
// through maildev's REST API (GET <webUrl>/api/email).

export type EmbeddedMailSink = {
  /** What the notifier's SMTP_URL should be. */
  smtpUrl: string;
  /** The inbox in a browser; the REST API lives under /api/email. */
  webUrl: string;
  stop: () => Promise<void>;
};

export async function startEmbeddedMailSink(options: {
  smtpPort: number;
  webPort: number;
  /** Keep messages here so they survive a restart, like the orders do. Required: without
   * it maildev writes every message into one shared os.tmpdir()/maildev folder that it
   * never empties, and that another user's run may own. */
  mailDirectory: string;
}): Promise<EmbeddedMailSink> {
  // maildev 3 is ESM-only; loading it lazily keeps it out of processes that never need it.
  const { MailDev } = await import("maildev");
  const maildev = new MailDev({
    smtp: options.smtpPort,
    web: options.webPort,
    ip: "127.0.0.1",
    webIp: "127.0.0.1",
    silent: true,
    mailDirectory: options.mailDirectory,
    maxEmails: 500,
  });
  await maildev.start();
  return {
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    webUrl: `http://127.0.0.1:${options.webPort}`,
    stop: () => maildev.stop(),
  };
}
