import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import { Construct } from "constructs";
import { Database } from "./database.ts";
import { Messaging } from "./messaging.ts";
import { Services, type ServicesProps } from "./services.ts";
import { SmsSpendLimit } from "./sms-spend-limit.ts";
import { WebAcl, type WebAclProps } from "./web-acl.ts";

export type BrewlineStackProps = StackProps &
  Pick<ServicesProps, "repositoryName" | "imageTag" | "migrateImageTag" | "storeName" | "storeTimeZone" | "storeCurrency" | "storeLocale" | "storeContact" | "stripeSecretName" | "smsViaSns" | "web" | "worker" | "publicAccess"> & {
    multiAzDatabase: boolean;
    databaseInstanceType: ec2.InstanceType;
    /** Per-address request limits of the firewall in front of the balancer; defaults in web-acl.ts. */
    waf?: Omit<WebAclProps, "loadBalancerArn">;
    /** Account-wide monthly SMS spend cap in USD, set only when smsViaSns (default 10). */
    smsMonthlySpendLimitUsd?: number;
  };

/** One cafe chain's Brewline on AWS: network, database, messaging and the two services. */
export class BrewlineStack extends Stack {
  readonly messaging: Messaging;
  readonly database: Database;
  readonly services: Services;
  readonly webAcl: WebAcl;

  constructor(scope: Construct, id: string, props: BrewlineStackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, "Vpc", {
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: "public", subnetType: ec2.SubnetType.PUBLIC },
        { name: "app", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: "data", subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    this.messaging = new Messaging(this, "Messaging");
    this.database = new Database(this, "Database", { vpc, multiAz: props.multiAzDatabase, instanceType: props.databaseInstanceType });
    this.services = new Services(this, "Services", { ...props, vpc, database: this.database, messaging: this.messaging });
    this.webAcl = new WebAcl(this, "Firewall", { ...props.waf, loadBalancerArn: this.services.web.loadBalancer.loadBalancerArn });
    if (props.smsViaSns) new SmsSpendLimit(this, "SmsSpendLimit", { monthlyLimitUsd: props.smsMonthlySpendLimitUsd });

    new CfnOutput(this, "Url", { value: this.services.publicBaseUrl });
    new CfnOutput(this, "ClusterName", { value: this.services.web.cluster.clusterName });
    new CfnOutput(this, "MigrateTaskDefinition", { value: this.services.migrateTask.taskDefinitionArn });
    new CfnOutput(this, "AppSubnets", { value: vpc.privateSubnets.map((s) => s.subnetId).join(",") });
    new CfnOutput(this, "WorkerSecurityGroup", { value: this.services.worker.connections.securityGroups[0]!.securityGroupId });
    new CfnOutput(this, "OrdersQueueUrl", { value: this.messaging.ordersQueue.queueUrl });
    new CfnOutput(this, "InboundSmsTopicArn", { value: this.messaging.inboundSmsTopic.topicArn, description: "Two-way SMS destination of the shop's phone number" });
    new CfnOutput(this, "VapidSecretName", { value: this.services.vapidSecret.secretName, description: "Put the Web Push VAPID key pair here" });
  }
}
