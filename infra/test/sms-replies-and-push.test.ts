import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { containerRunning, envOf, synth } from "./support.ts";

// Texts customers send the shop (STOP, HELP, START) arrive through an SNS topic that AWS
// End User Messaging SMS publishes to, read from the notifications queue; and Web Push's
// VAPID keys come from a secret filled in by hand (docs/DEPLOY-AWS.md).

type Secret = { Name: string; ValueFrom: unknown };
const secretsOf = (container: ReturnType<typeof containerRunning>) => ((container as { Secrets?: Secret[] }).Secrets ?? []).map((s) => s.Name);

describe("inbound texts", () => {
  const template = synth();
  const topics = template.findResources("AWS::SNS::Topic");
  const inboundId = Object.keys(topics).find((id) => id.includes("InboundSms"))!;

  it("has a topic only this account's SMS service may publish to", () => {
    expect(inboundId).toBeDefined();
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [{ Ref: inboundId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Principal: { Service: "sms-voice.amazonaws.com" },
            Action: "sns:Publish",
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
          }),
        ]),
      },
    });
  });

  it("delivers them raw and unfiltered to the notifications queue", () => {
    const subscriptions = Object.values(template.findResources("AWS::SNS::Subscription", { Properties: { TopicArn: { Ref: inboundId } } }));
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]!.Properties).toMatchObject({ Protocol: "sqs", RawMessageDelivery: true });
    expect(subscriptions[0]!.Properties.FilterPolicy).toBeUndefined();
    expect(JSON.stringify(subscriptions[0]!.Properties.Endpoint)).toContain("MessagingNotifications");
    expect(JSON.stringify(subscriptions[0]!.Properties.Endpoint)).not.toContain("Dlq");
  });

  it("names the topic in the outputs and in the services' environment", () => {
    expect(JSON.stringify(template.findOutputs("InboundSmsTopicArn"))).toContain(inboundId);
    for (const marker of ["server.js", "worker/main.ts"]) expect(envOf(containerRunning(template, marker), "INBOUND_SMS_TOPIC_ARN")).toEqual({ Ref: inboundId });
  });

  it("passes the HELP reply's contact when given", () => {
    expect(envOf(containerRunning(synth({ storeContact: "call 555-0100" }), "worker/main.ts"), "STORE_CONTACT")).toBe("call 555-0100");
    expect(envOf(containerRunning(template, "worker/main.ts"), "STORE_CONTACT")).toBeUndefined();
  });
});

describe("Web Push keys", () => {
  const template = synth();

  it("come from one secret, created with empty keys (push off until filled in), into web and worker", () => {
    const secrets = template.findResources("AWS::SecretsManager::Secret", { Properties: { Description: Match.stringLikeRegexp("VAPID") } });
    expect(Object.keys(secrets)).toHaveLength(1);
    const [id, secret] = Object.entries(secrets)[0]!;
    expect(JSON.parse(secret.Properties.SecretString as string)).toEqual({ publicKey: "", privateKey: "" });
    expect(secret.Properties.GenerateSecretString).toBeUndefined();
    for (const marker of ["server.js", "worker/main.ts"]) {
      const container = containerRunning(template, marker) as { Secrets?: Secret[] };
      expect(secretsOf(container as ReturnType<typeof containerRunning>)).toEqual(expect.arrayContaining(["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"]));
      const publicKey = container.Secrets!.find((s) => s.Name === "VAPID_PUBLIC_KEY")!;
      expect(JSON.stringify(publicKey.ValueFrom)).toContain(id);
      expect(JSON.stringify(publicKey.ValueFrom)).toContain(":publicKey::");
    }
    expect(secretsOf(containerRunning(template, "scripts/migrate.ts"))).not.toContain("VAPID_PRIVATE_KEY");
  });
});
