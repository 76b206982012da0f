import { App } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import { BrewlineStack } from "../lib/brewline-stack.ts";
import { DeploymentConfigError } from "../lib/config-error.ts";

// `npx cdk deploy -c imageTag=<tag> -c certificateArn=<arn>` (see docs/DEPLOY-AWS.md).
// The certificate (or the domain to make one for) has no default: HTTPS is not optional.
// Everything else has a default a small chain can start with; override with -c key=value.
const app = new App();
const ctx = (key: string, fallback: string) => String(app.node.tryGetContext(key) ?? fallback);
const optional = (key: string) => {
  const value = app.node.tryGetContext(key) as unknown;
  return value === undefined || value === "" ? undefined : String(value);
};
const optionalNumber = (key: string) => (optional(key) === undefined ? undefined : Number(optional(key)));

try {
  new BrewlineStack(app, ctx("stackName", "Brewline"), {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    repositoryName: ctx("repositoryName", "brewline"),
    imageTag: ctx("imageTag", "latest"),
    migrateImageTag: optional("migrateImageTag"),
    storeName: ctx("storeName", "Brewline Coffee"),
    storeTimeZone: ctx("storeTimeZone", "America/New_York"),
    storeCurrency: optional("storeCurrency"),
    storeLocale: optional("storeLocale"),
    storeContact: optional("storeContact"),
    stripeSecretName: optional("stripeSecretName"),
    smsViaSns: ctx("smsViaSns", "false") === "true",
    smsMonthlySpendLimitUsd: optionalNumber("smsMonthlySpendLimitUsd"),
    publicAccess: {
      certificateArn: optional("certificateArn"),
      domainName: optional("domainName"),
      hostedZoneId: optional("hostedZoneId"),
      hostedZoneName: optional("hostedZoneName"),
      publicBaseUrl: optional("publicBaseUrl"),
      allowHttp: ctx("allowHttp", "false") === "true",
    },
    waf: { orderRateLimit: optionalNumber("wafOrderRateLimit"), generalRateLimit: optionalNumber("wafGeneralRateLimit") },
    multiAzDatabase: ctx("multiAzDatabase", "true") === "true",
    databaseInstanceType: new ec2.InstanceType(ctx("databaseInstanceType", "t4g.small")),
    web: { desiredCount: Number(ctx("webCount", "2")), cpu: 512, memoryMiB: 1024 },
    worker: { minCount: Number(ctx("workerMin", "1")), maxCount: Number(ctx("workerMax", "6")), cpu: 256, memoryMiB: 512 },
  });
} catch (error) {
  if (!(error instanceof DeploymentConfigError)) throw error;
  // The cdk CLI shows the app's stderr; a settings mistake needs the sentence, not a stack trace.
  console.error(`\nBrewline: ${error.message}\n`);
  process.exit(1);
}
