import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DeploymentConfigError } from "../lib/config-error.ts";
import type { PublicAccessProps } from "../lib/public-access.ts";
import { buildStack, CERTIFICATE_ARN, HOSTED_ZONE } from "./support.ts";

// The deployment settings (`-c key=value`): HTTPS is not optional, contradictions stop
// the synth with a sentence naming the context to pass, and bin/brewline.ts hands the
// contexts to the stack.

const infraDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The error message building the stack with these settings stops at. */
function refusal(overrides: Parameters<typeof buildStack>[0]): string {
  try {
    buildStack(overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(DeploymentConfigError);
    return (error as Error).message;
  }
  throw new Error("the stack was built");
}
const refusalOf = (publicAccess: PublicAccessProps) => refusal({ publicAccess });

describe("the certificate settings", () => {
  it("refuse a deployment with neither a certificate nor a domain, naming the contexts to pass", () => {
    const message = refusalOf({});
    expect(message).toMatch(/HTTPS only/);
    for (const key of ["certificateArn", "domainName", "hostedZoneId", "hostedZoneName", "allowHttp=true"]) expect(message).toContain(`-c ${key}`);
  });

  it("refuse a hosted zone given by half, a zone without a domain, and a domain outside its zone", () => {
    expect(refusalOf({ domainName: "order.example.com", hostedZoneId: "Z1" })).toMatch(/hostedZoneId and -c hostedZoneName together/);
    expect(refusalOf({ hostedZoneId: "Z1", hostedZoneName: "example.com" })).toMatch(/-c domainName=/);
    expect(refusalOf({ ...HOSTED_ZONE, domainName: "order.example.org" })).toMatch(/not inside the hosted zone/);
  });

  it("refuse a domain with no zone to validate a new certificate in and no existing certificate", () => {
    expect(refusalOf({ domainName: "order.example.com" })).toMatch(/-c hostedZoneId=.*-c certificateArn/);
  });

  it("refuse a certificate ARN that is not ACM's or is from another region than the stack's", () => {
    expect(refusalOf({ certificateArn: "arn:aws:iam::123456789012:server-certificate/x" })).toMatch(/must be an ACM certificate ARN/);
    expect(refusalOf({ certificateArn: CERTIFICATE_ARN.replace("eu-west-1", "us-east-1") })).toMatch(/in us-east-1 but the stack deploys to eu-west-1/);
  });

  it("refuse an http:// or malformed publicBaseUrl unless plain HTTP was asked for", () => {
    expect(refusalOf({ certificateArn: CERTIFICATE_ARN, publicBaseUrl: "http://order.example.com" })).toMatch(/must be an https:\/\/ address/);
    expect(refusalOf({ certificateArn: CERTIFICATE_ARN, publicBaseUrl: "order.example.com" })).toMatch(/not a web address/);
    expect(() => buildStack({ publicAccess: { allowHttp: true, publicBaseUrl: "http://test.example.com" } })).not.toThrow();
  });

  it("refuse allowHttp together with a certificate or a domain", () => {
    expect(refusalOf({ allowHttp: true, certificateArn: CERTIFICATE_ARN })).toMatch(/allowHttp=true is for a deployment without a certificate/);
    expect(refusalOf({ allowHttp: true, ...HOSTED_ZONE })).toMatch(/allowHttp=true/);
  });
});

describe("the limits", () => {
  it("refuse a WAF limit below WAF's minimum of 10 or not a whole number", () => {
    expect(refusal({ waf: { orderRateLimit: 5 } })).toMatch(/-c wafOrderRateLimit must be a whole number from 10/);
    expect(refusal({ waf: { generalRateLimit: Number("lots") } })).toMatch(/-c wafGeneralRateLimit/);
  });

  it("refuse an SMS spend limit that is not a whole number of dollars, when texts are on", () => {
    expect(refusal({ smsViaSns: true, smsMonthlySpendLimitUsd: 2.5 })).toMatch(/-c smsMonthlySpendLimitUsd must be a whole number/);
    expect(refusal({ smsViaSns: true, smsMonthlySpendLimitUsd: 0 })).toMatch(/smsMonthlySpendLimitUsd/);
  });
});

// A whole synth in a child process, with the custom resource's function bundled: seconds each.
describe("bin/brewline.ts", { timeout: 120_000 }, () => {
  // The CDK CLI runs the app this way, passing -c values as CDK_CONTEXT_JSON and reading
  // the templates from CDK_OUTDIR.
  async function runApp(context: Record<string, string>) {
    const outdir = mkdtempSync(path.join(tmpdir(), "brewline-synth-"));
    try {
      const result = await promisify(execFile)(process.execPath, ["--import", "tsx", "bin/brewline.ts"], {
        cwd: infraDir,
        env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir, CDK_DEFAULT_REGION: "eu-west-1" },
      }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
      const template = result.code === 0 ? (JSON.parse(readFileSync(path.join(outdir, "Brewline.template.json"), "utf8")) as object) : undefined;
      return { ...result, template: JSON.stringify(template) };
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }

  it("fails without a certificate context, printing which contexts to pass and no stack trace", async () => {
    const { code, stderr } = await runApp({});
    expect(code).toBe(1);
    expect(stderr).toContain("Brewline: The shop is served over HTTPS only");
    expect(stderr).toContain("-c certificateArn=");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("passes the certificate, WAF and SMS contexts to the stack", async () => {
    const { code, template } = await runApp({
      certificateArn: CERTIFICATE_ARN,
      domainName: "order.example.com",
      wafOrderRateLimit: "40",
      smsViaSns: "true",
      smsMonthlySpendLimitUsd: "5",
    });
    expect(code).toBe(0);
    expect(template).toContain(CERTIFICATE_ARN);
    expect(template).toContain('"Value":"https://order.example.com"');
    expect(template).toMatch(/"Name":"OrdersPerAddress".*?"Limit":40/);
    expect(template).toContain('\\"MonthlySpendLimit\\":\\"5\\"');
  });

  it("synthesizes plain HTTP only with -c allowHttp=true, and says so to the app", async () => {
    const { code, template } = await runApp({ allowHttp: "true" });
    expect(code).toBe(0);
    expect(template).toContain('{"Name":"ALLOW_INSECURE_HTTP","Value":"true"}');
  });
});
