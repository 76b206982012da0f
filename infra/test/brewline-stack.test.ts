import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { NOTIFICATIONS_MAX_RECEIVES, ORDERS_MAX_RECEIVES } from "../../lib/queue/provision.ts";
import { BrewlineStack } from "../lib/brewline-stack.ts";

// What the AWS deployment must guarantee, checked on the synthesized CloudFormation.

let template: Template;
beforeAll(() => {
  const app = new App();
  const stack = new BrewlineStack(app, "Test", {
    env: { account: "123456789012", region: "eu-west-1" },
    repositoryName: "brewline",
    imageTag: "test",
    storeName: "Test Coffee",
    storeTimeZone: "Europe/London",
    smsViaSns: true,
    publicAccess: { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555" },
    multiAzDatabase: true,
    databaseInstanceType: new ec2.InstanceType("t4g.small"),
    web: { desiredCount: 2, cpu: 512, memoryMiB: 1024 },
    worker: { minCount: 1, maxCount: 6, cpu: 256, memoryMiB: 512 },
  });
  template = Template.fromStack(stack);
}, 60_000);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
/** Every statement of the inline policies attached to the role whose logical id starts with prefix. */
function statementsOfRole(prefix: string): Statement[] {
  const roles = Object.keys(template.findResources("AWS::IAM::Role")).filter((id) => id.startsWith(prefix));
  expect(roles).toHaveLength(1);
  const policies = Object.values(template.findResources("AWS::IAM::Policy")).filter((p) =>
    (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roles[0]),
  );
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
const refOf = (resource: unknown) => JSON.stringify(resource);

describe("messaging", () => {
  it("has a FIFO orders queue with explicit deduplication that dead-letters after the app's receive count", () => {
    const dlq = template.findResources("AWS::SQS::Queue", { Properties: { FifoQueue: true, RedrivePolicy: Match.absent() } });
    expect(Object.keys(dlq)).toHaveLength(1);
    template.hasResourceProperties("AWS::SQS::Queue", {
      FifoQueue: true,
      ContentBasedDeduplication: false,
      VisibilityTimeout: 30,
      RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [Object.keys(dlq)[0], "Arn"] }, maxReceiveCount: ORDERS_MAX_RECEIVES },
    });
    template.hasResourceProperties("AWS::SQS::Queue", { RedrivePolicy: Match.objectLike({ maxReceiveCount: NOTIFICATIONS_MAX_RECEIVES }) });
  });

  it("subscribes the notifications queue to the order events topic, raw and filtered to the customer's events", () => {
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "sqs",
      RawMessageDelivery: true,
      FilterPolicy: { eventType: ["order.ready", "order.cancelled"] },
    });
  });

  it("alarms on both dead-letter queues and on the age of the oldest waiting order", () => {
    template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", { MetricName: "ApproximateNumberOfMessagesVisible", Threshold: 0 }, 2);
    template.hasResourceProperties("AWS::CloudWatch::Alarm", { MetricName: "ApproximateAgeOfOldestMessage", Namespace: "AWS/SQS" });
  });
});

describe("database", () => {
  it("is encrypted PostgreSQL in isolated subnets with generated credentials in Secrets Manager", () => {
    template.hasResourceProperties("AWS::RDS::DBInstance", { Engine: "postgres", StorageEncrypted: true, MultiAZ: true, DBName: "brewline" });
    // The database's credentials, the web app's session secret and the VAPID keys (web-push.test.ts).
    template.resourceCountIs("AWS::SecretsManager::Secret", 3);
    template.hasResourceProperties("AWS::RDS::DBInstance", {
      MasterUserPassword: Match.objectLike({ "Fn::Join": Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp("resolve:secretsmanager")])]) }),
    });
  });
});

describe("services", () => {
  it("puts the web app behind a public ALB whose target health check is /api/ready", () => {
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", { Scheme: "internet-facing" });
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", { HealthCheckPath: "/api/ready", Port: 80, TargetType: "ip" });
  });

  it("keeps the web server's idle connections open longer than the balancer's, so the balancer never reuses one Node is closing", () => {
    const attributes = template.findResources("AWS::ElasticLoadBalancingV2::LoadBalancer");
    const idle = Object.values(attributes)
      .flatMap((r) => (r as { Properties: { LoadBalancerAttributes?: { Key: string; Value: string }[] } }).Properties.LoadBalancerAttributes ?? [])
      .find((a) => a.Key === "idle_timeout.timeout_seconds");
    expect(idle).toBeDefined();
    const containers = Object.values(template.findResources("AWS::ECS::TaskDefinition")).flatMap(
      (r) => (r as { Properties: { ContainerDefinitions: { Environment?: { Name: string; Value: string }[] }[] } }).Properties.ContainerDefinitions,
    );
    const keepAlive = containers.flatMap((c) => c.Environment ?? []).find((e) => e.Name === "KEEP_ALIVE_TIMEOUT");
    expect(Number(keepAlive?.Value)).toBeGreaterThan(Number(idle!.Value) * 1000);
  });

  it("gives the session secret (from Secrets Manager) to the web app only, and the public address to web and worker", () => {
    const containers = Object.values(template.findResources("AWS::ECS::TaskDefinition")).flatMap(
      (t) => t.Properties.ContainerDefinitions as { Command: string[]; Secrets?: { Name: string }[]; Environment?: { Name: string }[] }[],
    );
    const secretNames = (c: (typeof containers)[number]) => (c.Secrets ?? []).map((s) => s.Name);
    const web = containers.find((c) => c.Command.join(" ").includes("server.js"))!;
    expect(secretNames(web)).toContain("BETTER_AUTH_SECRET");
    expect((web.Environment ?? []).map((e) => e.Name)).toContain("PUBLIC_BASE_URL");
    for (const other of containers.filter((c) => c !== web)) expect(secretNames(other)).not.toContain("BETTER_AUTH_SECRET");
    // The worker's messages link to the shop: the status page, unsubscribe, the HELP reply.
    const worker = containers.find((c) => c.Command.join(" ").includes("worker/main.ts"))!;
    expect((worker.Environment ?? []).map((e) => e.Name)).toContain("PUBLIC_BASE_URL");
  });

  it("runs web, worker and migration from one image with three commands", () => {
    const commands = Object.values(template.findResources("AWS::ECS::TaskDefinition")).flatMap((t) =>
      (t.Properties.ContainerDefinitions as { Command: string[] }[]).map((c) => c.Command.join(" ")),
    );
    expect(commands).toHaveLength(3);
    expect(commands.some((c) => c.includes("server.js"))).toBe(true);
    expect(commands.some((c) => c.includes("worker/main.ts"))).toBe(true);
    expect(commands.some((c) => c.includes("scripts/migrate.ts"))).toBe(true);
  });

  it("lets the web send to the orders queue but never publish to SNS or consume messages", () => {
    const web = statementsOfRole("ServicesWebTaskDefTaskRole");
    const actions = actionsOf(web);
    expect(actions).toContain("sqs:SendMessage");
    expect(actions.filter((a) => a.startsWith("sns:"))).toEqual([]);
    expect(actions).not.toContain("sqs:ReceiveMessage");
    expect(actions).not.toContain("sqs:DeleteMessage");
    const send = web.find((s) => actionsOf([s]).includes("sqs:SendMessage"))!;
    expect(refOf(send.Resource)).toContain("MessagingOrders");
    expect(refOf(send.Resource)).not.toContain("Dlq");
  });

  it("lets the worker consume both queues and publish to the order events topic", () => {
    const worker = statementsOfRole("ServicesWorkerTaskTaskRole");
    const actions = actionsOf(worker);
    for (const a of ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sns:Publish"]) expect(actions).toContain(a);
    const publishes = worker.filter((s) => actionsOf([s]).includes("sns:Publish")).map((s) => refOf(s.Resource));
    expect(publishes.some((r) => r.includes("MessagingOrderEvents"))).toBe(true);
  });

  it("lets the worker's dead-letter monitor peek and delete in both DLQs and send back to both source queues", () => {
    const worker = statementsOfRole("ServicesWorkerTaskTaskRole");
    const on = (action: string) => worker.filter((s) => actionsOf([s]).includes(action)).map((s) => refOf(s.Resource)).join(" ");
    for (const dlq of ["MessagingOrdersDlq", "MessagingNotificationsDlq"]) {
      for (const action of ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"]) expect(on(action)).toContain(dlq);
    }
    const sends = on("sqs:SendMessage");
    expect(sends).toMatch(/"MessagingOrders[0-9A-F]{8}"/);
    expect(sends).toMatch(/"MessagingNotifications[0-9A-F]{8}"/);
  });

  it("scales the worker on the orders queue's backlog", () => {
    template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", { MinCapacity: 1, MaxCapacity: 6 });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", { MetricName: "ApproximateNumberOfMessagesVisible", Namespace: "AWS/SQS", Threshold: 100 });
  });
});
