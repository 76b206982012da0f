import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import { BrewlineStack, type BrewlineStackProps } from "../lib/brewline-stack.ts";

// Shared by the infra tests that synthesize stacks in more than one configuration.

const REGION = "eu-west-1";
export const CERTIFICATE_ARN = `arn:aws:acm:${REGION}:123456789012:certificate/11111111-2222-3333-4444-555555555555`;
export const HOSTED_ZONE = { domainName: "order.example.com", hostedZoneId: "Z0EXAMPLE0ZONE", hostedZoneName: "example.com" };

function stackProps(overrides: Partial<BrewlineStackProps> = {}): BrewlineStackProps {
  return {
    env: { account: "123456789012", region: REGION },
    repositoryName: "brewline",
    imageTag: "test",
    storeName: "Test Coffee",
    storeTimeZone: "Europe/London",
    smsViaSns: false,
    publicAccess: { certificateArn: CERTIFICATE_ARN },
    multiAzDatabase: false,
    databaseInstanceType: new ec2.InstanceType("t4g.small"),
    web: { desiredCount: 1, cpu: 512, memoryMiB: 1024 },
    worker: { minCount: 1, maxCount: 2, cpu: 256, memoryMiB: 512 },
    ...overrides,
  };
}

export function buildStack(overrides: Partial<BrewlineStackProps> = {}): BrewlineStack {
  return new BrewlineStack(new App(), "Test", stackProps(overrides));
}

export const synth = (overrides: Partial<BrewlineStackProps> = {}) => Template.fromStack(buildStack(overrides));

type Container = { Command: string[]; Environment?: { Name: string; Value: unknown }[]; HealthCheck?: { Command: string[] } };

/** The container whose command runs `marker` (server.js, worker/main.ts, scripts/migrate.ts). */
export function containerRunning(template: Template, marker: string): Container {
  const containers = Object.values(template.findResources("AWS::ECS::TaskDefinition")).flatMap((t) => t.Properties.ContainerDefinitions as Container[]);
  const found = containers.filter((c) => c.Command.join(" ").includes(marker));
  if (found.length !== 1) throw new Error(`expected one container running ${marker}, found ${found.length}`);
  return found[0]!;
}

export const envOf = (container: Container, name: string) => container.Environment?.find((e) => e.Name === name)?.Value;

/** The logical id of the only resource of this type. */
export function onlyId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0]!;
}
