import { describe, expect, it } from "vitest";
import { SPAM_CANCEL_REASON } from "../../../../../lib/kitchen/cancel-ticket.ts";
import { cancelBodySchema } from "./schema.ts";

const issues = (body: unknown) => {
  const result = cancelBodySchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("cancelBodySchema", () => {
  it("takes a reason the customer is told, trimmed", () => {
    expect(cancelBodySchema.parse({ reason: " Out of oat milk " })).toEqual({ reason: "Out of oat milk", spam: false });
    expect(cancelBodySchema.parse({ reason: "Closing", spam: false })).toEqual({ reason: "Closing", spam: false });
  });

  it("takes spam without a reason (nobody is told one) and records a plain one", () => {
    expect(cancelBodySchema.parse({ spam: true })).toEqual({ reason: SPAM_CANCEL_REASON, spam: true });
    expect(cancelBodySchema.parse({ spam: true, reason: "" })).toEqual({ reason: SPAM_CANCEL_REASON, spam: true });
    expect(cancelBodySchema.parse({ spam: true, reason: "Same number 30 times" })).toEqual({ reason: "Same number 30 times", spam: true });
  });

  it("refuses a cancel with neither, and anything else", () => {
    expect(issues({})).toEqual(["reason: reason must be text"]);
    expect(issues({ reason: "  " })).toEqual(["reason: please give a reason; the customer is told it"]);
    expect(issues({ reason: "  ", spam: false })).toEqual(["reason: please give a reason; the customer is told it"]);
    expect(issues({ spam: "yes" })).toEqual(["spam: spam must be true or false"]);
    expect(issues({ reason: "x".repeat(141) })).toEqual(["reason: reason must be at most 140 characters"]);
    expect(issues({ spam: true, notify: false })).toHaveLength(1);
  });
});
