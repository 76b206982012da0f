import { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GENERAL_RATE_LIMIT, DEFAULT_ORDER_RATE_LIMIT, WAF_WINDOW_SECONDS } from "../lib/web-acl.ts";
import { HOSTED_ZONE, onlyId, synth } from "./support.ts";

// What a flood of requests or of texts can cost: AWS WAF in front of the balancer, and
// the account's SNS SMS spend cap. One stack with the settings given, one with defaults.

type Statement = Record<string, unknown>;
type Rule = {
  Name: string;
  Priority: number;
  Statement: Statement;
  Action?: { Block?: { CustomResponse?: { ResponseCode: number; CustomResponseBodyKey: string; ResponseHeaders?: { Name: string; Value: string }[] } } };
  OverrideAction?: Record<string, unknown>;
  VisibilityConfig: { CloudWatchMetricsEnabled: boolean; SampledRequestsEnabled: boolean; MetricName: string };
};
type Acl = { Scope: string; DefaultAction: unknown; Rules: Rule[]; VisibilityConfig: Rule["VisibilityConfig"]; CustomResponseBodies: Record<string, { Content: string; ContentType: string }> };

const aclOf = (t: Template) => t.findResources("AWS::WAFv2::WebACL")[onlyId(t, "AWS::WAFv2::WebACL")]!.Properties as Acl;
const rule = (acl: Acl, name: string) => acl.Rules.find((r) => r.Name === name)!;
type RateBased = { Limit: number; EvaluationWindowSec: number; AggregateKeyType: string; ScopeDownStatement?: Statement };
const rateOf = (r: Rule) => r.Statement.RateBasedStatement as RateBased;
/** The SetSMSAttributes calls the custom resource makes, as CloudFormation passes them to its Lambda. */
const smsCalls = (t: Template) =>
  Object.values(t.findResources("Custom::AWS")).map((r) => ({ create: JSON.parse(r.Properties.Create as string), update: JSON.parse(r.Properties.Update as string) }));

let configured: Template;
let defaults: Template;
beforeAll(() => {
  configured = synth({ smsViaSns: true, smsMonthlySpendLimitUsd: 25, waf: { orderRateLimit: 150, generalRateLimit: 3000 }, publicAccess: { ...HOSTED_ZONE } });
  defaults = synth({ smsViaSns: true });
}, 120_000);

describe("AWS WAF", () => {
  it("is a regional web ACL, allowing by default, associated with the web app's load balancer", () => {
    const acl = aclOf(configured);
    expect(acl.Scope).toBe("REGIONAL");
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    configured.hasResourceProperties("AWS::WAFv2::WebACLAssociation", {
      ResourceArn: { Ref: onlyId(configured, "AWS::ElasticLoadBalancingV2::LoadBalancer") },
      WebACLArn: { "Fn::GetAtt": [onlyId(configured, "AWS::WAFv2::WebACL"), "Arn"] },
    });
  });

  it("blocks an address over the limit of POST /api/orders per 5 minutes with a 429 the checkout understands", () => {
    const acl = aclOf(configured);
    const orders = rule(acl, "OrdersPerAddress");
    expect(rateOf(orders)).toMatchObject({ Limit: 150, EvaluationWindowSec: WAF_WINDOW_SECONDS, AggregateKeyType: "IP" });
    const scope = (rateOf(orders).ScopeDownStatement!.AndStatement as { Statements: { ByteMatchStatement: Record<string, unknown> }[] }).Statements.map(
      (s) => s.ByteMatchStatement,
    );
    expect(scope).toHaveLength(2);
    const path = scope.find((s) => "UriPath" in (s.FieldToMatch as object))!;
    expect(path).toMatchObject({ SearchString: "/api/orders", PositionalConstraint: expect.stringMatching(/^(STARTS_WITH|EXACTLY)$/) });
    expect(scope.find((s) => "Method" in (s.FieldToMatch as object))).toMatchObject({ SearchString: "POST", PositionalConstraint: "EXACTLY" });

    const response = orders.Action!.Block!.CustomResponse!;
    expect(response.ResponseCode).toBe(429);
    expect(response.ResponseHeaders).toContainEqual({ Name: "Retry-After", Value: expect.stringMatching(/^\d+$/) });
    const body = acl.CustomResponseBodies[response.CustomResponseBodyKey]!;
    expect(body.ContentType).toBe("APPLICATION_JSON");
    expect(JSON.parse(body.Content)).toMatchObject({ error: { code: "RATE_LIMITED" } });
  });

  it("also limits every request per address, and evaluates both limits before the rule groups", () => {
    const acl = aclOf(configured);
    const general = rule(acl, "RequestsPerAddress");
    expect(rateOf(general)).toEqual({ Limit: 3000, EvaluationWindowSec: WAF_WINDOW_SECONDS, AggregateKeyType: "IP" });
    expect(general.Action!.Block!.CustomResponse!.ResponseCode).toBe(429);
    const managedPriorities = acl.Rules.filter((r) => r.OverrideAction).map((r) => r.Priority);
    for (const limit of [rule(acl, "OrdersPerAddress"), general]) expect(limit.Priority).toBeLessThan(Math.min(...managedPriorities));
    expect(new Set(acl.Rules.map((r) => r.Priority)).size).toBe(acl.Rules.length);
  });

  it("defaults to limits a café's shared Wi-Fi can live with", () => {
    const acl = aclOf(defaults);
    expect(rateOf(rule(acl, "OrdersPerAddress")).Limit).toBe(DEFAULT_ORDER_RATE_LIMIT);
    expect(rateOf(rule(acl, "RequestsPerAddress")).Limit).toBe(DEFAULT_GENERAL_RATE_LIMIT);
    expect(DEFAULT_ORDER_RATE_LIMIT).toBeGreaterThanOrEqual(100);
    expect(DEFAULT_GENERAL_RATE_LIMIT).toBeGreaterThan(DEFAULT_ORDER_RATE_LIMIT);
  });

  it("runs AWS's common and known-bad-inputs rule groups, with only the common body-size rule turned to count", () => {
    const acl = aclOf(configured);
    const groups = acl.Rules.filter((r) => r.Statement.ManagedRuleGroupStatement).map((r) => ({
      override: r.OverrideAction,
      ...(r.Statement.ManagedRuleGroupStatement as { VendorName: string; Name: string; RuleActionOverrides?: unknown }),
    }));
    expect(groups).toEqual([
      {
        override: { None: {} },
        VendorName: "AWS",
        Name: "AWSManagedRulesCommonRuleSet",
        RuleActionOverrides: [{ Name: "SizeRestrictions_BODY", ActionToUse: { Count: {} } }],
      },
      { override: { None: {} }, VendorName: "AWS", Name: "AWSManagedRulesKnownBadInputsRuleSet" },
    ]);
  });

  it("publishes CloudWatch metrics and keeps sampled requests for the ACL and every rule", () => {
    const acl = aclOf(configured);
    for (const v of [acl.VisibilityConfig, ...acl.Rules.map((r) => r.VisibilityConfig)]) {
      expect(v).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: expect.any(String) });
    }
  });
});

describe("SNS SMS monthly spend limit", () => {
  it("sets the limit and transactional texts on create and on update", () => {
    const calls = smsCalls(configured);
    expect(calls).toHaveLength(1);
    for (const call of [calls[0]!.create, calls[0]!.update]) {
      expect(call).toMatchObject({
        service: "SNS",
        action: "setSMSAttributes",
        parameters: { attributes: { MonthlySpendLimit: "25", DefaultSMSType: "Transactional" } },
      });
    }
  });

  it("defaults to 10 USD a month", () => {
    expect(smsCalls(defaults)[0]!.create.parameters.attributes.MonthlySpendLimit).toBe("10");
  });

  it("lets the custom resource's function do sns:SetSMSAttributes and nothing else", () => {
    const policies = Object.values(configured.findResources("AWS::IAM::Policy")).map(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const granting = policies.filter((statements) => statements.some((s) => [s.Action].flat().includes("sns:SetSMSAttributes")));
    expect(granting).toHaveLength(1);
    expect(granting[0]!.flatMap((s) => [s.Action].flat())).toEqual(["sns:SetSMSAttributes"]);
  });

  it("leaves the account's SMS settings alone when texts are off", () => {
    const t = synth({ smsViaSns: false });
    t.resourceCountIs("Custom::AWS", 0);
    expect(aclOf(t).Rules.length).toBeGreaterThan(0);
  });
});
