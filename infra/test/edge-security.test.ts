import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import { beforeAll, describe, expect, it } from "vitest";
import { HSTS_HEADER_VALUE } from "../lib/services.ts";
import { buildStack, CERTIFICATE_ARN, containerRunning, envOf, HOSTED_ZONE, onlyId } from "./support.ts";

// What the internet can reach: TLS on the balancer, port 80 only redirecting, and nothing
// open to the worker. Three ways in: a Route 53 zone (a new certificate), an existing
// certificate, and the explicit plain-HTTP escape hatch.

const HSTS_KEY = "routing.http.response.strict_transport_security.header_value";

type Listener = {
  Port: number;
  Protocol: string;
  SslPolicy?: string;
  Certificates?: { CertificateArn: unknown }[];
  DefaultActions: { Type: string; RedirectConfig?: Record<string, string> }[];
  ListenerAttributes?: { Key: string; Value: string }[];
};
const listeners = (t: Template) => Object.values(t.findResources("AWS::ElasticLoadBalancingV2::Listener")).map((r) => r.Properties as Listener);
const listenerOn = (t: Template, port: number) => listeners(t).find((l) => l.Port === port);

/** Ports the balancer's security group admits, and from where. */
function balancerIngress(t: Template) {
  const lbSecurityGroups = Object.values(t.findResources("AWS::ElasticLoadBalancingV2::LoadBalancer")).flatMap(
    (lb) => lb.Properties.SecurityGroups as { "Fn::GetAtt": [string, string] }[],
  );
  expect(lbSecurityGroups).toHaveLength(1);
  const sgId = lbSecurityGroups[0]!["Fn::GetAtt"][0];
  const standalone = Object.values(t.findResources("AWS::EC2::SecurityGroupIngress")).filter((r) => JSON.stringify(r.Properties.GroupId).includes(sgId));
  expect(standalone).toEqual([]);
  const rules = t.findResources("AWS::EC2::SecurityGroup")[sgId]!.Properties.SecurityGroupIngress as { FromPort: number; ToPort: number; CidrIp: string }[];
  return rules.map((r) => `${r.CidrIp}:${r.FromPort}-${r.ToPort}`).sort();
}

let zone: Template;
let existingStack: ReturnType<typeof buildStack>;
let existing: Template;
let plain: Template;
beforeAll(() => {
  zone = Template.fromStack(buildStack({ publicAccess: { ...HOSTED_ZONE } }));
  existingStack = buildStack({ publicAccess: { certificateArn: CERTIFICATE_ARN } });
  existing = Template.fromStack(existingStack);
  plain = Template.fromStack(buildStack({ publicAccess: { allowHttp: true } }));
}, 120_000);

describe("HTTPS with a domain in a Route 53 hosted zone", () => {
  it("creates a DNS-validated certificate for the domain and an alias A record to the balancer", () => {
    zone.hasResourceProperties("AWS::CertificateManager::Certificate", {
      DomainName: "order.example.com",
      ValidationMethod: "DNS",
      DomainValidationOptions: [{ DomainName: "order.example.com", HostedZoneId: "Z0EXAMPLE0ZONE" }],
    });
    const lb = onlyId(zone, "AWS::ElasticLoadBalancingV2::LoadBalancer");
    zone.hasResourceProperties("AWS::Route53::RecordSet", {
      Name: "order.example.com.",
      Type: "A",
      HostedZoneId: "Z0EXAMPLE0ZONE",
      AliasTarget: { DNSName: Match.objectLike({ "Fn::Join": ["", ["dualstack.", { "Fn::GetAtt": [lb, "DNSName"] }]] }), HostedZoneId: Match.anyValue() },
    });
  });

  it("terminates TLS on 443 with that certificate, a TLS 1.2+ policy and the HSTS header", () => {
    const https = listenerOn(zone, 443)!;
    expect(https.Protocol).toBe("HTTPS");
    expect(https.SslPolicy).toBe(elbv2.SslPolicy.RECOMMENDED_TLS);
    expect(https.Certificates).toEqual([{ CertificateArn: { Ref: onlyId(zone, "AWS::CertificateManager::Certificate") } }]);
    expect(https.DefaultActions.map((a) => a.Type)).toEqual(["forward"]);
    expect(https.ListenerAttributes).toContainEqual({ Key: HSTS_KEY, Value: HSTS_HEADER_VALUE });
    expect(Number(/^max-age=(\d+)/.exec(HSTS_HEADER_VALUE)?.[1])).toBeGreaterThanOrEqual(180 * 24 * 3600);
  });

  it("sends the same HSTS value as the web app does behind https, so it never matters which one a browser sees", async () => {
    type NextConfig = { headers: () => Promise<{ headers: { key: string; value: string }[] }[]> };
    const nextConfigUrl = new URL("../../next.config.js", import.meta.url).href;
    const { default: nextConfig } = (await import(nextConfigUrl)) as { default: NextConfig };
    const sent = (await nextConfig.headers()).flatMap((h) => h.headers).filter((h) => h.key.toLowerCase() === "strict-transport-security");
    expect(sent.map((h) => h.value)).toEqual([HSTS_HEADER_VALUE]);
  });

  it("answers plain HTTP on 80 only with a permanent redirect to https, and listens nowhere else", () => {
    expect(listeners(zone).map((l) => l.Port).sort((a, b) => a - b)).toEqual([80, 443]);
    const http = listenerOn(zone, 80)!;
    expect(http.Protocol).toBe("HTTP");
    expect(http.DefaultActions).toEqual([{ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } }]);
  });

  it("opens the balancer's security group on 443, and on 80 for the redirect, to anyone, and on nothing else", () => {
    expect(balancerIngress(zone)).toEqual(["0.0.0.0/0:443-443", "0.0.0.0/0:80-80"]);
  });

  it("gives the web app https://<domain> as its public address and outputs it as the Url", () => {
    const web = containerRunning(zone, "server.js");
    expect(envOf(web, "PUBLIC_BASE_URL")).toBe("https://order.example.com");
    expect(envOf(web, "ALLOW_INSECURE_HTTP")).toBeUndefined();
    // The address the per-address limits key on: the one the balancer appended.
    expect(envOf(web, "TRUSTED_PROXY_HOPS")).toBe("1");
    zone.hasOutput("Url", { Value: "https://order.example.com" });
  });
});

describe("HTTPS with an existing certificate", () => {
  it("uses that certificate and creates neither a certificate nor a DNS record", () => {
    const t = existing;
    t.resourceCountIs("AWS::CertificateManager::Certificate", 0);
    t.resourceCountIs("AWS::Route53::RecordSet", 0);
    expect(listenerOn(t, 443)!.Certificates).toEqual([{ CertificateArn: CERTIFICATE_ARN }]);
    expect(listenerOn(t, 80)!.DefaultActions[0]!.Type).toBe("redirect");
    expect(balancerIngress(t)).toEqual(["0.0.0.0/0:443-443", "0.0.0.0/0:80-80"]);
  });

  it("falls back to https://<balancer name> as the public address, with a synth warning that asks for the domain", () => {
    const t = existing;
    const lb = onlyId(t, "AWS::ElasticLoadBalancingV2::LoadBalancer");
    const httpsBalancer = { "Fn::Join": ["", ["https://", { "Fn::GetAtt": [lb, "DNSName"] }]] };
    expect(envOf(containerRunning(t, "server.js"), "PUBLIC_BASE_URL")).toEqual(httpsBalancer);
    t.hasOutput("Url", { Value: httpsBalancer });
    Annotations.fromStack(existingStack).hasWarning("/Test/Services", Match.stringLikeRegexp("pass -c domainName"));
  });

  it("takes the address from domainName when the DNS is hosted elsewhere", () => {
    const t = Template.fromStack(buildStack({ publicAccess: { certificateArn: CERTIFICATE_ARN, domainName: "Order.Example.com" } }));
    expect(envOf(containerRunning(t, "server.js"), "PUBLIC_BASE_URL")).toBe("https://order.example.com");
    t.resourceCountIs("AWS::Route53::RecordSet", 0);
  });
});

describe("plain HTTP for a throwaway deployment (-c allowHttp=true)", () => {
  it("keeps one HTTP listener on 80 that forwards to the app, without HSTS, and opens only port 80", () => {
    expect(listeners(plain)).toHaveLength(1);
    const http = listenerOn(plain, 80)!;
    expect(http.Protocol).toBe("HTTP");
    expect(http.DefaultActions.map((a) => a.Type)).toEqual(["forward"]);
    expect(http.ListenerAttributes ?? []).not.toContainEqual(expect.objectContaining({ Key: HSTS_KEY }));
    expect(balancerIngress(plain)).toEqual(["0.0.0.0/0:80-80"]);
    plain.resourceCountIs("AWS::CertificateManager::Certificate", 0);
  });

  it("tells the web app that plain HTTP is deliberate and outputs an http:// Url", () => {
    const web = containerRunning(plain, "server.js");
    expect(envOf(web, "ALLOW_INSECURE_HTTP")).toBe("true");
    expect(JSON.stringify(envOf(web, "PUBLIC_BASE_URL"))).toContain("http://");
    for (const other of ["worker/main.ts", "scripts/migrate.ts"]) expect(envOf(containerRunning(plain, other), "ALLOW_INSECURE_HTTP")).toBeUndefined();
    expect(JSON.stringify(plain.findOutputs("Url"))).toContain("http://");
  });
});

describe("worker and web tasks", () => {
  it("lets nothing reach the worker: its security group has no ingress rule at all", () => {
    const services = Object.values(zone.findResources("AWS::ECS::Service")).filter((s) =>
      JSON.stringify(s.Properties.TaskDefinition).includes("ServicesWorkerTask"),
    );
    expect(services).toHaveLength(1);
    const groups = services[0]!.Properties.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups as { "Fn::GetAtt": [string, string] }[];
    expect(groups).toHaveLength(1);
    const sgId = groups[0]!["Fn::GetAtt"][0];
    expect(zone.findResources("AWS::EC2::SecurityGroup")[sgId]!.Properties.SecurityGroupIngress).toBeUndefined();
    const ingress = Object.values(zone.findResources("AWS::EC2::SecurityGroupIngress")).filter((r) => JSON.stringify(r.Properties.GroupId).includes(sgId));
    expect(ingress).toEqual([]);
  });

  it("keeps the worker's health server on loopback, where the container health check calls it", () => {
    const worker = containerRunning(zone, "worker/main.ts");
    expect([undefined, "127.0.0.1", "::1", "localhost"]).toContain(envOf(worker, "WORKER_HEALTH_HOST"));
    expect(worker.HealthCheck!.Command.join(" ")).toContain(`http://127.0.0.1:${String(envOf(worker, "WORKER_HEALTH_PORT"))}/health`);
  });

  it("admits traffic to the web tasks only from the balancer, on the container port", () => {
    const webSg = Object.keys(zone.findResources("AWS::EC2::SecurityGroup")).find((id) => id.startsWith("ServicesWebServiceSecurityGroup"))!;
    expect(zone.findResources("AWS::EC2::SecurityGroup")[webSg]!.Properties.SecurityGroupIngress).toBeUndefined();
    const ingress = Object.values(zone.findResources("AWS::EC2::SecurityGroupIngress"))
      .map((r) => r.Properties)
      .filter((p) => JSON.stringify(p.GroupId).includes(webSg));
    expect(ingress).toHaveLength(1);
    expect(ingress[0]).toMatchObject({ FromPort: 3000, ToPort: 3000, SourceSecurityGroupId: { "Fn::GetAtt": [expect.stringMatching(/^ServicesWebLBSecurityGroup/), "GroupId"] } });
  });
});
