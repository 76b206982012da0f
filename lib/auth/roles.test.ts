import { describe, expect, it } from "vitest";
import { effectiveRole, isStaffRole, refusal, roleAllows } from "./roles.ts";

describe("roles", () => {
  it("lets a manager do what a barista may, not the other way round", () => {
    expect(roleAllows("manager", "barista")).toBe(true);
    expect(roleAllows("manager", "manager")).toBe(true);
    expect(roleAllows("barista", "barista")).toBe(true);
    expect(roleAllows("barista", "manager")).toBe(false);
  });

  it("caps a PIN-switched session at barista", () => {
    expect(effectiveRole("manager", { pinSwitched: true })).toBe("barista");
    expect(effectiveRole("manager", { pinSwitched: false })).toBe("manager");
    expect(refusal({ role: "manager" }, { pinSwitched: true }, "manager")).toBe("FORBIDDEN");
    expect(refusal({ role: "manager" }, { pinSwitched: true }, "barista")).toBeNull();
  });

  it("holds a one-time password back from everything until it is changed, except on a PIN switch", () => {
    expect(refusal({ role: "manager", mustChangePassword: true }, {}, "barista")).toBe("MUST_CHANGE_PASSWORD");
    expect(refusal({ role: "barista", mustChangePassword: true }, { pinSwitched: true }, "barista")).toBeNull();
    expect(refusal({ role: "barista", mustChangePassword: false }, {}, "manager")).toBe("FORBIDDEN");
  });

  it("knows its roles", () => {
    expect(isStaffRole("barista")).toBe(true);
    expect(isStaffRole("admin")).toBe(false);
  });
});
