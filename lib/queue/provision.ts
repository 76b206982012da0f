import { CreateTopicCommand, SetSubscriptionAttributesCommand, SubscribeCommand, type SNSClient } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { CUSTOMER_EVENT_TYPES } from "../messages/order-events.ts";

// Creates what Brewline needs on an SQS/SNS endpoint. Every call is idempotent
// (Create* returns the existing resource), so it runs on every start. On AWS the
// same resources come from infrastructure as code instead.

export const ORDERS_MAX_RECEIVES = 5;
export const NOTIFICATIONS_MAX_RECEIVES = 8;

export type ProvisionedResources = {
  ORDERS_QUEUE_URL: string;
  ORDERS_DLQ_URL: string;
  NOTIFICATIONS_QUEUE_URL: string;
  NOTIFICATIONS_DLQ_URL: string;
  ORDER_EVENTS_TOPIC_ARN: string;
  /** Texts customers send the shop (two-way SMS); locally the dev SMS form publishes to it. */
  INBOUND_SMS_TOPIC_ARN: string;
};

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
  const arn = out.Attributes?.QueueArn;
  if (!arn) throw new Error(`queue ${url} has no ARN`);
  return arn;
}

async function createQueue(sqs: SQSClient, name: string, attributes: Record<string, string>) {
  const out = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!out.QueueUrl) throw new Error(`CreateQueue ${name} returned no URL`);
  return out.QueueUrl;
}

export async function provisionQueues(options: {
  sqs: SQSClient;
  sns: SNSClient;
  prefix?: string;
}): Promise<ProvisionedResources> {
  const { sqs, sns } = options;
  const prefix = options.prefix ?? "brewline";

  const ordersDlqUrl = await createQueue(sqs, `${prefix}-orders-dlq.fifo`, {
    FifoQueue: "true",
    MessageRetentionPeriod: String(14 * 24 * 3600),
  });
  const ordersQueueUrl = await createQueue(sqs, `${prefix}-orders.fifo`, {
    FifoQueue: "true",
    // Deduplication ids are set explicitly from the outbox row (order + event).
    ContentBasedDeduplication: "false",
    VisibilityTimeout: "30",
    ReceiveMessageWaitTimeSeconds: "20",
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: await queueArn(sqs, ordersDlqUrl),
      maxReceiveCount: ORDERS_MAX_RECEIVES,
    }),
  });

  const notificationsDlqUrl = await createQueue(sqs, `${prefix}-notifications-dlq`, {
    MessageRetentionPeriod: String(14 * 24 * 3600),
  });
  const notificationsQueueUrl = await createQueue(sqs, `${prefix}-notifications`, {
    VisibilityTimeout: "60",
    ReceiveMessageWaitTimeSeconds: "20",
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: await queueArn(sqs, notificationsDlqUrl),
      maxReceiveCount: NOTIFICATIONS_MAX_RECEIVES,
    }),
  });

  const topic = await sns.send(new CreateTopicCommand({ Name: `${prefix}-order-events` }));
  if (!topic.TopicArn) throw new Error("CreateTopic returned no ARN");
  // Only customer-facing events reach the notifier; other order events on the topic
  // (analytics, future consumers) are filtered out by SNS.
  const filterPolicy = JSON.stringify({ eventType: [...CUSTOMER_EVENT_TYPES] });
  const subscription = await sns.send(
    new SubscribeCommand({
      TopicArn: topic.TopicArn,
      Protocol: "sqs",
      Endpoint: await queueArn(sqs, notificationsQueueUrl),
      ReturnSubscriptionArn: true,
      Attributes: { RawMessageDelivery: "true", FilterPolicy: filterPolicy },
    }),
  );
  // An emulator that outlived an older version answers Subscribe with the subscription it
  // already had, filter and all: set the filter again so new event types get through.
  if (subscription.SubscriptionArn) {
    await sns.send(
      new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription.SubscriptionArn, AttributeName: "FilterPolicy", AttributeValue: filterPolicy }),
    );
  }

  // Inbound texts go to the notifier's queue as they are (no filter: every text is read).
  const inbound = await sns.send(new CreateTopicCommand({ Name: `${prefix}-inbound-sms` }));
  if (!inbound.TopicArn) throw new Error("CreateTopic returned no ARN");
  await sns.send(
    new SubscribeCommand({
      TopicArn: inbound.TopicArn,
      Protocol: "sqs",
      Endpoint: await queueArn(sqs, notificationsQueueUrl),
      Attributes: { RawMessageDelivery: "true" },
    }),
  );

  return {
    ORDERS_QUEUE_URL: ordersQueueUrl,
    ORDERS_DLQ_URL: ordersDlqUrl,
    NOTIFICATIONS_QUEUE_URL: notificationsQueueUrl,
    NOTIFICATIONS_DLQ_URL: notificationsDlqUrl,
    ORDER_EVENTS_TOPIC_ARN: topic.TopicArn,
    INBOUND_SMS_TOPIC_ARN: inbound.TopicArn,
  };
}
