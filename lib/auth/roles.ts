// Who may do what, as pure functions (unit-tested): the checks in require-staff.ts and
// the PIN switch both lean on them.

const STAFF_ROLES = ["barista", "manager"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (value: unknown): value is StaffRole => STAFF_ROLES.includes(value as StaffRole);

/** A manager may do everything a barista may. */
export function roleAllows(held: StaffRole, needed: StaffRole): boolean {
  return held === "manager" || needed === "barista";
}

/**
 * A session made by a PIN switch on a shared kitchen screen is worth a kitchen session
 * only, whoever it belongs to: four to six digits are too few to guard the dashboard.
 */
export function effectiveRole(role: StaffRole, session: { pinSwitched?: boolean | null }): StaffRole {
  return session.pinSwitched ? "barista" : role;
}

/** Why a signed-in user may not act, or null when they may. */
export function refusal(
  user: { role: StaffRole; mustChangePassword?: boolean | null },
  session: { pinSwitched?: boolean | null },
  needed: StaffRole,
): "MUST_CHANGE_PASSWORD" | "FORBIDDEN" | null {
  // A PIN switch proves the person at the screen; their password is not in play there.
  if (user.mustChangePassword && !session.pinSwitched) return "MUST_CHANGE_PASSWORD";
  return roleAllows(effectiveRole(user.role, session), needed) ? null : "FORBIDDEN";
}
