import { afterAll, beforeAll } from "vitest";
import { pushServiceAgent, startPushServiceStandIn, type PushServiceStandIn } from "./push-service-stand-in.ts";
import { TEST_VAPID_KEYS } from "./test-stack.ts";

// A vitest file's local push service (expecting the test stacks' VAPID key) and the HTTPS
// agent that trusts it; kept apart from the stand-in, which Playwright specs import too.

export function pushServiceForThisFile(): { service: () => PushServiceStandIn; agent: ReturnType<typeof pushServiceAgent> } {
  const agent = pushServiceAgent();
  let service: PushServiceStandIn | undefined;
  beforeAll(async () => {
    service = await startPushServiceStandIn({ vapidPublicKey: TEST_VAPID_KEYS.publicKey });
  });
  afterAll(async () => {
    agent.destroy();
    await service?.close();
  });
  return {
    agent,
    service: () => {
      if (!service) throw new Error("the push service starts in beforeAll");
      return service;
    },
  };
}
