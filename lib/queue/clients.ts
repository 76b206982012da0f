import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";

// With an endpoint (embedded emulator) the SDK gets static dummy credentials; without
// one it uses the normal AWS credential chain (task role, profile, env).
export type AwsOptions = { region: string; endpoint?: string };

function clientConfig({ region, endpoint }: AwsOptions) {
  return endpoint
    ? { region, endpoint, credentials: { accessKeyId: "brewline", secretAccessKey: "brewline" } }
    : { region };
}

export const createSqsClient = (options: AwsOptions) => new SQSClient(clientConfig(options));
export const createSnsClient = (options: AwsOptions) => new SNSClient(clientConfig(options));
