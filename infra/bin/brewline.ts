import { App } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import { BrewlineStack } from "../lib/brewline-stack.ts";

// `npx cdk deploy -c imageTag=<tag>` (see the README's "Deploy to AWS"). Everything else
// has a default a small chain can start with; override with -c key=value.
const app = new App();
const ctx = (key: string, fallback: string) => String(app.node.tryGetContext(key) ?? fallback);

new BrewlineStack(app, ctx("stackName", "Brewline"), {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  repositoryName: ctx("repositoryName", "brewline"),
  imageTag: ctx("imageTag", "latest"),
  migrateImageTag: app.node.tryGetContext("migrateImageTag") as string | undefined,
  storeName: ctx("storeName", "Brewline Coffee"),
  storeTimeZone: ctx("storeTimeZone", "America/New_York"),
  smsViaSns: ctx("smsViaSns", "false") === "true",
  publicBaseUrl: app.node.tryGetContext("publicBaseUrl") as string | undefined,
  multiAzDatabase: ctx("multiAzDatabase", "true") === "true",
  databaseInstanceType: new ec2.InstanceType(ctx("databaseInstanceType", "t4g.small")),
  web: { desiredCount: Number(ctx("webCount", "2")), cpu: 512, memoryMiB: 1024 },
  worker: { minCount: Number(ctx("workerMin", "1")), maxCount: Number(ctx("workerMax", "6")), cpu: 256, memoryMiB: 512 },
});
