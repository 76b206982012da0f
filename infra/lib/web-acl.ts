import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";
import { wholeNumberSetting } from "./config-error.ts";

/** Rate-based rules count over 5 minutes; the limits below are per client address in that window. */
export const WAF_WINDOW_SECONDS = 300;
/** Many phones in one café share its Wi-Fi's address (and mobile carriers NAT thousands): room for a rush. */
export const DEFAULT_ORDER_RATE_LIMIT = 100;
/** A first visit loads a few dozen assets; a shared café address carries many such visits. */
export const DEFAULT_GENERAL_RATE_LIMIT = 2000;

export type WebAclProps = {
  loadBalancerArn: string;
  /** POSTs under /api/orders per address per 5 minutes (context wafOrderRateLimit). */
  orderRateLimit?: number;
  /** All requests per address per 5 minutes (context wafGeneralRateLimit). */
  generalRateLimit?: number;
};

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

// The checkout (components/order/checkout.ts) already explains a 429 RATE_LIMITED from the
// app's own limiter and honours Retry-After; the firewall answers the same way.
const tooManyRequests = (bodyKey: string): wafv2.CfnWebACL.RuleActionProperty => ({
  block: { customResponse: { responseCode: 429, customResponseBodyKey: bodyKey, responseHeaders: [{ name: "Retry-After", value: "60" }] } },
});

const managedGroup = (priority: number, name: string, ruleActionOverrides?: wafv2.CfnWebACL.RuleActionOverrideProperty[]): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name, ruleActionOverrides } },
  visibilityConfig: visibility(name),
});

/**
 * AWS WAF in front of the load balancer: per-address rate limits (ordering tighter than
 * the rest) ahead of AWS's common and known-bad-inputs rule groups. The app keeps its own
 * per-client limits in Postgres; this stops a flood before it costs a web task anything.
 */
export class WebAcl extends Construct {
  readonly acl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    // 10 is the smallest limit WAF accepts for a rate-based rule.
    const orderLimit = wholeNumberSetting("wafOrderRateLimit", props.orderRateLimit ?? DEFAULT_ORDER_RATE_LIMIT, 10, 2_000_000_000);
    const generalLimit = wholeNumberSetting("wafGeneralRateLimit", props.generalRateLimit ?? DEFAULT_GENERAL_RATE_LIMIT, 10, 2_000_000_000);

    const ordersPost: wafv2.CfnWebACL.StatementProperty = {
      andStatement: {
        statements: [
          {
            byteMatchStatement: {
              fieldToMatch: { uriPath: {} },
              // Decoded and normalized first, so /api/%6Frders or //api/./orders is counted
              // too. A prefix so cancelling (POST /api/orders/<token>/cancel) shares the budget.
              positionalConstraint: "STARTS_WITH",
              searchString: "/api/orders",
              textTransformations: [
                { priority: 0, type: "URL_DECODE" },
                { priority: 1, type: "NORMALIZE_PATH" },
              ],
            },
          },
          { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: "EXACTLY", searchString: "POST", textTransformations: [{ priority: 0, type: "NONE" }] } },
        ],
      },
    };

    this.acl = new wafv2.CfnWebACL(this, "Acl", {
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      visibilityConfig: visibility("BrewlineWeb"),
      customResponseBodies: {
        OrdersRateLimited: {
          contentType: "APPLICATION_JSON",
          content: JSON.stringify({ error: { code: "RATE_LIMITED", message: "Too many orders from this network just now. Please try again in a minute." } }),
        },
        RateLimited: { contentType: "TEXT_PLAIN", content: "Too many requests from this network just now. Please try again in a minute." },
      },
      rules: [
        {
          name: "OrdersPerAddress",
          priority: 0,
          action: tooManyRequests("OrdersRateLimited"),
          statement: { rateBasedStatement: { limit: orderLimit, evaluationWindowSec: WAF_WINDOW_SECONDS, aggregateKeyType: "IP", scopeDownStatement: ordersPost } },
          visibilityConfig: visibility("OrdersPerAddress"),
        },
        {
          name: "RequestsPerAddress",
          priority: 1,
          action: tooManyRequests("RateLimited"),
          statement: { rateBasedStatement: { limit: generalLimit, evaluationWindowSec: WAF_WINDOW_SECONDS, aggregateKeyType: "IP" } },
          visibilityConfig: visibility("RequestsPerAddress"),
        },
        // SizeRestrictions_BODY blocks every body over 8 KB. The app sets its own caps (JSON
        // at most 32 KB, refused with 413 before parsing; a manager's menu picture up to
        // 2 MB, sent as the raw body), so here that rule only counts: blocking would make
        // every picture upload fail while adding nothing the app does not already refuse.
        managedGroup(2, "AWSManagedRulesCommonRuleSet", [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }]),
        managedGroup(3, "AWSManagedRulesKnownBadInputsRuleSet"),
      ],
    });
    new wafv2.CfnWebACLAssociation(this, "Association", { resourceArn: props.loadBalancerArn, webAclArn: this.acl.attrArn });
  }
}
