import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "../api/api-client.ts";

describe("fieldErrorsOf", () => {
  it("maps zod issues and details.fields to the form's fields", () => {
    const body = { error: { details: { issues: [{ path: "basePriceCents", message: "too big" }, { path: "groupIds[2]", message: "not a menu id" }, { path: "", message: "bad" }], fields: { subject: "unknown placeholder" } } } };
    expect(fieldErrorsOf(body)).toEqual({ basePriceCents: "too big", groupIds: "not a menu id", form: "bad", subject: "unknown placeholder" });
    expect(fieldErrorsOf(null)).toEqual({});
  });
});
