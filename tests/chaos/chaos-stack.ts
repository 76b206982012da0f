import { afterAll, beforeAll } from "vitest";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { startMailSink, type MailSink } from "../support/mail-sink.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { killAllWorkerChildren } from "./worker-children.ts";

export type ChaosStack = { stack: TestStack; sink: MailSink };

/**
 * Every chaos file runs against its own seeded stack (and, with mail, an SMTP sink) and
 * must leave no worker process behind, whatever a failing test did to it.
 */
export function setupChaosStack(options: { mail?: boolean } = {}): ChaosStack {
  const chaos = {} as ChaosStack;
  beforeAll(async () => {
    chaos.stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
    if (options.mail) chaos.sink = await startMailSink();
  });
  afterAll(async () => {
    await killAllWorkerChildren();
    // A scenario may have stopped the sink already (SMTP outage).
    await chaos.sink?.close().catch(() => {});
    await chaos.stack?.stop();
  });
  return chaos;
}
