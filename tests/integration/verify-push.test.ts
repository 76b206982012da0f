import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUSH_TLS_CERT_PATH, startPushServiceStandIn, type BrowserSubscription, type PushServiceStandIn } from "../support/push-service-stand-in.ts";
import { TEST_VAPID_KEYS } from "../support/test-stack.ts";

// `npm run verify:push` is meant for a real phone's subscription at FCM, Mozilla or Apple,
// which this machine cannot reach; pointed at the local push service (which checks VAPID and
// decrypts) it shows that the script sends a real push with the shop's keys, from the
// environment or the launcher's data folder, refuses other hosts, and fails loudly.

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), "brewline-verify-push-"));
const OWN_SETTINGS = /^(VAPID_|PUSH_ENDPOINT_HOSTS$|BREWLINE_DATA_DIR$|NODE_EXTRA_CA_CERTS$)/;

async function run(args: string[], env: Record<string, string>) {
  const rest = Object.fromEntries(Object.entries(process.env).filter(([name]) => !OWN_SETTINGS.test(name))) as NodeJS.ProcessEnv;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/verify-push.ts", ...args], {
      // A new, empty data folder unless the test gives one; the stand-in's certificate trusted as a real push service's would be.
      env: { ...rest, BREWLINE_DATA_DIR: tempDir(), NODE_EXTRA_CA_CERTS: PUSH_TLS_CERT_PATH, ...env },
      timeout: 30_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

function subscriptionFile(content: unknown): string {
  const file = path.join(tempDir(), "subscription.json");
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const keysEnv = { VAPID_PUBLIC_KEY: TEST_VAPID_KEYS.publicKey, VAPID_PRIVATE_KEY: TEST_VAPID_KEYS.privateKey, PUSH_ENDPOINT_HOSTS: "127.0.0.1" };

let service: PushServiceStandIn;
beforeAll(async () => {
  service = await startPushServiceStandIn({ vapidPublicKey: TEST_VAPID_KEYS.publicKey });
});
afterAll(() => service?.close());

const newSubscription = (): BrowserSubscription => service.newSubscription().subscription;

describe("npm run verify:push", () => {
  it("sends one push with the keys from the environment and prints the push service's answer", async () => {
    const subscription = newSubscription();
    const { code, output } = await run([subscriptionFile(subscription)], keysEnv);
    expect(output).toContain(`Accepted by the push service: ${service.url}/message/`);
    expect(code).toBe(0);
    const [push] = service.received(subscription.endpoint);
    expect(push!.json).toMatchObject({ title: "Brewline push check", url: "/" });
    expect(output).toContain(push!.location);
    expect(service.rejections()).toEqual([]);
  });

  it("takes the keys from the launcher's data folder, and a subscription wrapped as the push route takes it", async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, "vapid-keys.json"), JSON.stringify(TEST_VAPID_KEYS));
    const subscription = newSubscription();
    const { code, output } = await run([subscriptionFile({ subscription, source: "status-page" })], { PUSH_ENDPOINT_HOSTS: "127.0.0.1", BREWLINE_DATA_DIR: dataDir });
    expect(output).toContain(path.join(dataDir, "vapid-keys.json"));
    expect(code).toBe(0);
    expect(service.received(subscription.endpoint)).toHaveLength(1);
  });

  it("refuses an endpoint that is not on PUSH_ENDPOINT_HOSTS without sending anything (exit 2)", async () => {
    const subscription = newSubscription();
    // PUSH_ENDPOINT_HOSTS unset: the default list, the real push services only.
    const { code, output } = await run([subscriptionFile(subscription)], { VAPID_PUBLIC_KEY: keysEnv.VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: keysEnv.VAPID_PRIVATE_KEY });
    expect(output).toContain(`refusing ${service.url}: not an https endpoint of an allowed push service (fcm.googleapis.com`);
    expect(code).toBe(2);
    expect(service.attempts(subscription.endpoint)).toEqual([]);
  });

  it("fails loudly when the push service refuses or the subscription is gone", async () => {
    const gone = newSubscription();
    service.respondWith(gone.endpoint, 410);
    const goneRun = await run([subscriptionFile(gone)], keysEnv);
    expect(goneRun).toMatchObject({ code: 1, output: expect.stringContaining("answered 410): the browser dropped this subscription") });

    // Signed with another shop's key: the push service refuses the JWT.
    const other = { VAPID_PUBLIC_KEY: "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8", VAPID_PRIVATE_KEY: "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw" };
    const refused = await run([subscriptionFile(newSubscription())], { ...keysEnv, ...other });
    expect(refused).toMatchObject({ code: 1, output: expect.stringMatching(/push service answered 403: k is not the application server key.*was the subscription made with this public key/) });
  });

  it("explains itself without a file, and says where keys come from when there are none (exit 2)", async () => {
    expect(await run([], keysEnv)).toMatchObject({ code: 2, output: expect.stringContaining("npm run verify:push -- subscription.json") });
    const noKeys = await run([subscriptionFile(newSubscription())], { PUSH_ENDPOINT_HOSTS: "127.0.0.1" });
    expect(noKeys).toMatchObject({ code: 2, output: expect.stringMatching(/no VAPID keys: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or start the shop once/) });
    expect(await run([subscriptionFile({ endpoint: "https://127.0.0.1/x" })], keysEnv)).toMatchObject({ code: 2, output: expect.stringContaining("is not a push subscription") });
  });
});
