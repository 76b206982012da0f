import { afterAll, beforeAll } from "vitest";
import { getPrisma } from "../../lib/db/prisma.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { getMenuListener } from "../../lib/realtime/shop-listener.ts";
import { getOrderListener } from "../../lib/realtime/shop-listener.ts";
import { startTestStack, type TestStack } from "./test-stack.ts";

/**
 * For tests that call the Next.js route handlers as plain functions: the handlers read
 * their config from the environment (as in production) and use the process-wide Prisma
 * client and LISTEN connection, which must be closed before the stack stops.
 */
export function setupRouteTestStack(): { stack: TestStack } {
  const ctx = {} as { stack: TestStack };
  beforeAll(async () => {
    ctx.stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
    Object.assign(process.env, ctx.stack.env);
  });
  afterAll(async () => {
    await getOrderListener().stop();
    await getMenuListener().stop();
    await getPrisma().$disconnect();
    await ctx.stack?.stop();
  });
  return ctx;
}
