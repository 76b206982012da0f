// Staff accounts from the command line (the only way to make or reset one):
//   npm run staff -- add <email> <name> <barista|manager> [--pin 1234]
//   npm run staff -- reset <email> [--pin 1234] [--pin-only]
//   npm run staff -- list
// Uses DATABASE_URL, or else the embedded database of a shop running with `npm start`
// (BREWLINE_PG_PORT, default 54329). One-time passwords are printed once, work for 24
// hours and must be changed at first sign-in.
import { parseArgs } from "node:util";
import { addStaff, listStaff, resetStaff } from "../lib/auth/staff-accounts.ts";
import { isStaffRole } from "../lib/auth/roles.ts";
import { createPrismaClient } from "../lib/db/prisma.ts";
import { embeddedDatabaseUrl } from "../lib/embedded/postgres.ts";
import { DEFAULT_PORTS } from "./stack/settings.ts";
import { isAppError } from "../lib/errors.ts";

const USAGE = `usage:
  npm run staff -- add <email> <name> <barista|manager> [--pin <4-6 digits>]
  npm run staff -- reset <email> [--pin <4-6 digits>] [--pin-only]
  npm run staff -- list`;

const { positionals, values } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { pin: { type: "string" }, "pin-only": { type: "boolean", default: false } },
});
const [command, ...rest] = positionals;
const url = process.env.DATABASE_URL || embeddedDatabaseUrl(Number(process.env.BREWLINE_PG_PORT || DEFAULT_PORTS.postgres));
if (!process.env.DATABASE_URL) console.error(`DATABASE_URL is not set: using the embedded database of the running shop (${url.replace(/:[^:@/]+@/, ":***@")})`);

function oneTimePasswordState(s: { mustChangePassword: boolean; oneTimePasswordExpiresAt: Date | null }): string {
  if (!s.mustChangePassword) return "";
  return s.oneTimePasswordExpiresAt && s.oneTimePasswordExpiresAt <= new Date() ? "expired: reset it" : "not changed yet";
}

function usage(): never {
  console.error(USAGE);
  process.exit(2);
}

const prisma = createPrismaClient(url);
try {
  if (command === "add") {
    const [email, name, role] = rest;
    if (!email || !name || !isStaffRole(role)) usage();
    const { oneTimePassword } = await addStaff({ prisma, email, name, role, pin: values.pin });
    console.log(`added ${role} ${name} <${email}>${values.pin ? " with a PIN" : ""}`);
    console.log(`one-time password: ${oneTimePassword}  (shown once; works for 24 hours, to be changed at first sign-in)`);
  } else if (command === "reset") {
    const [email] = rest;
    if (!email || (values["pin-only"] && !values.pin)) usage();
    const { oneTimePassword } = await resetStaff({ prisma, email, password: !values["pin-only"], pin: values.pin });
    if (values.pin) console.log(`new PIN set for ${email}`);
    if (oneTimePassword) console.log(`one-time password: ${oneTimePassword}  (shown once; works for 24 hours; ${email} is signed out everywhere)`);
  } else if (command === "list") {
    const staff = await listStaff({ prisma });
    if (staff.length === 0) console.log("no staff accounts");
    else {
      console.table(
        staff.map((s) => ({ email: s.email, name: s.name, role: s.role, PIN: s.hasPin ? "yes" : "", "one-time password": oneTimePasswordState(s), added: s.createdAt.toISOString().slice(0, 10) })),
      );
    }
  } else {
    usage();
  }
} catch (error) {
  if (!isAppError(error) && !(error instanceof Error && error.name === "ZodError")) throw error;
  console.error(isAppError(error) ? error.message : (error as Error).message);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
