import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addStaff } from "../../lib/auth/staff-accounts.ts";
import { send } from "./hostile-client.ts";
import { SECURITY_DIST_DIR, setupSecurityStack } from "./security-stack.ts";

// HTTPS in production: a web server behind a TLS-terminating load balancer (one proxy hop,
// X-Forwarded-Proto from it) with an https PUBLIC_BASE_URL sends HSTS and Secure cookies;
// one configured with an http PUBLIC_BASE_URL refuses to start.

const sec = setupSecurityStack({ env: { TRUSTED_PROXY_HOPS: "1", PUBLIC_BASE_URL: "https://shop.example", ALLOW_INSECURE_HTTP: "false" } });
const root = path.resolve(import.meta.dirname, "../..");

describe("behind the HTTPS load balancer", () => {
  it("sends Strict-Transport-Security on pages and the API when the request came over HTTPS", async () => {
    for (const url of ["/", "/api/menu", "/sign-in"]) {
      const overTls = await send({ url: `${sec.baseUrl}${url}`, headers: { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.4" } });
      expect(overTls.headers["strict-transport-security"], url).toBe("max-age=31536000; includeSubDomains");
    }
    // Plain http (the load balancer's redirect never reaches us; a LAN shop): no HSTS.
    expect((await send({ url: `${sec.baseUrl}/` })).headers["strict-transport-security"]).toBeUndefined();
  });

  it("marks staff session cookies Secure", async () => {
    const { oneTimePassword } = await addStaff({ prisma: sec.stack.prisma, email: "tls@test.brewline", name: "Tess", role: "barista" });
    const r = await send({
      url: `${sec.baseUrl}/api/auth/sign-in/email`,
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://shop.example", "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.5" },
      body: JSON.stringify({ email: "tls@test.brewline", password: oneTimePassword }),
    });
    expect(r.status).toBe(200);
    const session = ([] as string[]).concat(r.headers["set-cookie"] ?? []).find((c) => c.includes("session_token="));
    expect(session).toMatch(/^__Secure-/);
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
  });
});

describe("a production web server with an http PUBLIC_BASE_URL", () => {
  it("refuses to start and says what to change", async () => {
    const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
    const env: Record<string, string | undefined> = { ...sec.stack.env, NODE_ENV: undefined, PUBLIC_BASE_URL: "http://shop.example", ALLOW_INSECURE_HTTP: undefined, BREWLINE_NEXT_DIST_DIR: SECURITY_DIST_DIR, PORT: "0" };
    const child = spawn(process.execPath, [nextBin, "start", "-p", "0"], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("refusing to start");
    expect(output).toContain("PUBLIC_BASE_URL: http://shop.example is not https");
  });
});
