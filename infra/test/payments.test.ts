import { describe, expect, it } from "vitest";
import { containerRunning, envOf, synth } from "./support.ts";

// Online payments on AWS: the Stripe keys come from a Secrets Manager secret made by hand
// (they never pass through CDK or the template), into both the web (checkouts, webhooks)
// and the worker (reconciler, refunds); without one, the shop takes payment at pickup.

type Secret = { Name: string; ValueFrom: unknown };
const secretsOf = (container: ReturnType<typeof containerRunning>) => ((container as { Secrets?: Secret[] }).Secrets ?? []).map((s) => s.Name);

describe("payments on AWS", () => {
  it("give web and worker PAYMENTS=stripe and both Stripe keys from the named secret, and the store's currency", () => {
    const template = synth({ stripeSecretName: "brewline/stripe", storeCurrency: "EUR", storeLocale: "de-DE" });
    for (const marker of ["server.js", "worker/main.ts"]) {
      const container = containerRunning(template, marker);
      expect(envOf(container, "PAYMENTS")).toBe("stripe");
      expect(envOf(container, "STORE_CURRENCY")).toBe("EUR");
      expect(envOf(container, "STORE_LOCALE")).toBe("de-DE");
      expect(secretsOf(container)).toEqual(expect.arrayContaining(["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]));
    }
    expect(JSON.stringify(template.toJSON())).not.toMatch(/sk_(test|live)_/);
  });

  it("leave payment at pickup without a secret", () => {
    const template = synth();
    for (const marker of ["server.js", "worker/main.ts"]) {
      const container = containerRunning(template, marker);
      expect(envOf(container, "PAYMENTS")).toBeUndefined();
      expect(secretsOf(container)).not.toContain("STRIPE_SECRET_KEY");
    }
  });
});
