// Each queue the worker consumes and the dead-letter queue SQS moves its failures to.
// `name` is the consumer's name, which MessageFailure and DeadLetterMessage rows carry.

export type DeadLetterQueue = { name: "orders" | "notifications"; dlqUrl: string; sourceUrl: string; fifo: boolean };

export function deadLetterQueues(config: {
  ORDERS_QUEUE_URL: string;
  ORDERS_DLQ_URL?: string | undefined;
  NOTIFICATIONS_QUEUE_URL: string;
  NOTIFICATIONS_DLQ_URL?: string | undefined;
}): DeadLetterQueue[] {
  const queues: DeadLetterQueue[] = [];
  if (config.ORDERS_DLQ_URL) queues.push({ name: "orders", dlqUrl: config.ORDERS_DLQ_URL, sourceUrl: config.ORDERS_QUEUE_URL, fifo: true });
  if (config.NOTIFICATIONS_DLQ_URL) {
    queues.push({ name: "notifications", dlqUrl: config.NOTIFICATIONS_DLQ_URL, sourceUrl: config.NOTIFICATIONS_QUEUE_URL, fifo: false });
  }
  return queues;
}
