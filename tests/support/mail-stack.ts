import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { createSmtpEmailSender, type EmailSender } from "../../lib/notifications/email-sender.ts";
import { startMailSink, type MailSink } from "./mail-sink.ts";
import { startTestStack, type TestStack } from "./test-stack.ts";

// The setup of the worker tests that follow a message all the way to the customer: a
// stack with the seeded menu, an SMTP sink, and an email sender pointed at the sink.

export type MailStack = { stack: TestStack; sink: MailSink; emailSender: EmailSender; stop: () => Promise<void> };

export async function startMailStack(): Promise<MailStack> {
  const stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  let sink: MailSink;
  try {
    sink = await startMailSink();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const emailSender = createSmtpEmailSender({ smtpUrl: sink.smtpUrl, from: stack.config.MAIL_FROM });
  return {
    stack,
    sink,
    emailSender,
    stop: async () => {
      emailSender.close();
      await sink.close();
      await stack.stop();
    },
  };
}
