import { freePort } from "../../lib/embedded/free-port.ts";

// A real SMTP server (maildev) that keeps what it receives in memory, so tests can
// assert on the emails the worker sent over SMTP.

type SunkEmail = { subject: string; to: string[]; text: string; html: string };

export type MailSink = { smtpUrl: string; emails: () => Promise<SunkEmail[]>; close: () => Promise<void> };

export async function startMailSink(): Promise<MailSink> {
  const { MailDev } = await import("maildev");
  const port = await freePort();
  const maildev = new MailDev({ smtp: port, ip: "127.0.0.1", disableWeb: true, silent: true });
  const servers = await maildev.start();
  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    emails: async () =>
      (await servers.storage.getAll()).map((e) => ({
        subject: e.subject,
        to: e.to.map((a) => a.address),
        text: e.text ?? "",
        html: e.html ?? "",
      })),
    close: () => maildev.stop(),
  };
}
