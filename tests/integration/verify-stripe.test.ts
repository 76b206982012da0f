import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripeStandIn, type StripeStandIn } from "../support/stripe-stand-in.ts";

// `npm run verify:stripe` is meant for real Stripe test mode, which this machine cannot
// reach; pointed at the stand-in (STRIPE_API_URL) it shows that the script's steps run,
// that it fails loudly, and that it refuses live keys and says how to run it without one.

const run = async (env: Record<string, string>) => {
  const rest = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("STRIPE_"))) as NodeJS.ProcessEnv;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/verify-stripe.ts"], { env: { ...rest, ...env }, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
};

let standIn: StripeStandIn;
beforeAll(async () => {
  standIn = await startStripeStandIn();
});
afterAll(() => standIn?.close());

describe("npm run verify:stripe", () => {
  it("passes every step against a Stripe that behaves, leaving one refund", async () => {
    const { code, output } = await run({ STRIPE_SECRET_KEY: standIn.secretKey, STRIPE_API_URL: standIn.url });
    expect(output).not.toContain("FAIL");
    expect(output.match(/^PASS /gm)).toHaveLength(9);
    expect(code).toBe(0);
    expect(standIn.refunds()).toHaveLength(1);
    expect(standIn.sessions().map((s) => s.status)).toEqual(["expired"]);
  });

  it("prints FAIL and exits 1 when Stripe refuses (a wrong key)", async () => {
    const { code, output } = await run({ STRIPE_SECRET_KEY: "sk_test_not_this_one", STRIPE_API_URL: standIn.url });
    expect(output).toMatch(/^FAIL {2}create a checkout session.*Invalid API Key/m);
    expect(code).toBe(1);
  });

  it("refuses a live key and explains itself without a key (exit 2)", async () => {
    const live = await run({ STRIPE_SECRET_KEY: "sk_live_abc", STRIPE_API_URL: standIn.url });
    expect(live).toMatchObject({ code: 2, output: expect.stringContaining("not a test-mode key") });
    const none = await run({});
    expect(none).toMatchObject({ code: 2, output: expect.stringContaining("STRIPE_SECRET_KEY=sk_test_… npm run verify:stripe") });
  });
});
