import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../lib/embedded/free-port.ts";

// A real SMTP server (maildev), so tests can assert on the emails the worker sent over
// SMTP. maildev also writes each message to disk: to a folder of this sink's own,
// removed on close (its default, os.tmpdir()/maildev, is shared by every run and user
// and never emptied).

/** headers: the message's header lines as the server received them, unfolded, names in lower case (the last of a repeated one). */
type SunkEmail = { subject: string; to: string[]; text: string; html: string; headers?: Record<string, string> };

/** The header block of a raw message, unfolded (RFC 5322: a line starting with white space continues the one before). */
function headersOf(raw: string): Record<string, string> {
  const block = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, " ");
  return Object.fromEntries(
    block.split(/\r?\n/).flatMap((line) => {
      const colon = line.indexOf(":");
      return colon > 0 ? [[line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]] : [];
    }),
  );
}

export type MailSink = { smtpUrl: string; emails: () => Promise<SunkEmail[]>; close: () => Promise<void> };

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let all = "";
  for await (const chunk of stream) all += chunk.toString();
  return all;
}

export async function startMailSink(): Promise<MailSink> {
  const { MailDev } = await import("maildev");
  const port = await freePort();
  const mailDirectory = mkdtempSync(path.join(os.tmpdir(), "brewline-mail-"));
  const maildev = new MailDev({ smtp: port, ip: "127.0.0.1", disableWeb: true, silent: true, mailDirectory });
  const servers = await maildev.start();
  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    emails: async () =>
      Promise.all(
        (await servers.storage.getAll()).map(async (e) => ({
          subject: e.subject,
          to: e.to.map((a) => a.address),
          text: e.text ?? "",
          html: e.html ?? "",
          headers: headersOf(await text(await servers.smtp.getRawEmail(e.id))),
        })),
      ),
    close: async () => {
      await maildev.stop();
      rmSync(mailDirectory, { recursive: true, force: true });
    },
  };
}
