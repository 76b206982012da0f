import * as iam from "aws-cdk-lib/aws-iam";
import * as cr from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
import { wholeNumberSetting } from "./config-error.ts";

const DEFAULT_SMS_MONTHLY_SPEND_LIMIT_USD = 10;

/**
 * Caps what texts to customers can cost per month: SNS stops sending SMS for the rest of
 * the month once the account passes MonthlySpendLimit, so a flood of orders with phone
 * numbers (or a bug resending) costs at most this much. SMS settings are account-wide,
 * per region, and CloudFormation has no resource for them, hence an SDK call on create
 * and on every update; deleting the stack leaves the last limit in place. The limit
 * cannot exceed the account's SMS spend quota (small for a new account until AWS raises
 * it): SNS refuses a larger value, and the deployment fails with its error.
 */
export class SmsSpendLimit extends Construct {
  readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: { monthlyLimitUsd?: number }) {
    super(scope, id);
    const limit = wholeNumberSetting("smsMonthlySpendLimitUsd", props.monthlyLimitUsd ?? DEFAULT_SMS_MONTHLY_SPEND_LIMIT_USD, 1, 1_000_000);
    const call: cr.AwsSdkCall = {
      service: "SNS",
      action: "setSMSAttributes",
      // Transactional: an order-ready text is time-critical, and SNS routes this type for
      // reliability rather than price.
      parameters: { attributes: { MonthlySpendLimit: String(limit), DefaultSMSType: "Transactional" } },
      physicalResourceId: cr.PhysicalResourceId.of("BrewlineSmsAttributes"),
    };
    this.resource = new cr.AwsCustomResource(this, "Resource", {
      onCreate: call,
      onUpdate: call,
      // SetSMSAttributes has no resource-level permissions: the action is the only narrowing there is.
      policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({ actions: ["sns:SetSMSAttributes"], resources: ["*"] })]),
      // The SDK bundled with the Lambda runtime has this call; fetching the latest at deploy
      // time would add a network dependency for nothing.
      installLatestAwsSdk: false,
    });
  }
}
