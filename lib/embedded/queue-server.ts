import { startFauxqs } from "fauxqs";
import { createSnsClient, createSqsClient } from "../queue/clients.ts";
import { provisionQueues, type ProvisionedResources } from "../queue/provision.ts";

// In-memory SQS/SNS wire-protocol server for one-command runs and tests. It loses its
// messages when it stops; the outbox reconciler re-sends from Postgres.

export type EmbeddedQueueServer = {
  endpoint: string;
  port: number;
  region: string;
  resources: ProvisionedResources;
  stop: () => Promise<void>;
};

export async function startEmbeddedQueueServer(options: { port: number; region?: string }): Promise<EmbeddedQueueServer> {
  const region = options.region ?? "us-east-1";
  const server = await startFauxqs({ port: options.port, logger: false, defaultRegion: region });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const sqs = createSqsClient({ region, endpoint });
  const sns = createSnsClient({ region, endpoint });
  try {
    const resources = await provisionQueues({ sqs, sns });
    return { endpoint, port: server.port, region, resources, stop: () => server.stop() };
  } finally {
    sqs.destroy();
    sns.destroy();
  }
}
