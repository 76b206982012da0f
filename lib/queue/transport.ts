import type { SNSClient } from "@aws-sdk/client-sns";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { Config } from "../config.ts";
import { createSnsClient, createSqsClient } from "./clients.ts";

/** Where outbox messages go. Injectable so tests can point at their own queue server. */
export type Transport = {
  sqs: SQSClient;
  sns: SNSClient;
  ordersQueueUrl: string;
  orderEventsTopicArn: string;
};

export function createTransport(config: Config): Transport {
  const aws = { region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL };
  return {
    sqs: createSqsClient(aws),
    sns: createSnsClient(aws),
    ordersQueueUrl: config.ORDERS_QUEUE_URL,
    orderEventsTopicArn: config.ORDER_EVENTS_TOPIC_ARN,
  };
}
