import { clockNow } from "../lib/clock.ts";
import type { Config } from "../lib/config.ts";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";
import { deadLetterQueues } from "../lib/dlq/dead-letter-queues.ts";
import { recordMessageFailure } from "../lib/dlq/record-message-failure.ts";
import { startDeadLetterMonitor } from "../lib/dlq/start-dead-letter-monitor.ts";
import { errorInfo, logger } from "../lib/log.ts";
import { collectPipelineMetrics, pipelineQueues } from "../lib/metrics/collect-pipeline-metrics.ts";
import { createHistogram, renderMetrics } from "../lib/metrics/prometheus.ts";
import { createEmailSender, type EmailSender } from "../lib/notifications/email-sender.ts";
import { createPushSender, type PushSender } from "../lib/notifications/push-sender.ts";
import { createSmsSender, type SmsSender } from "../lib/notifications/sms-sender.ts";
import { storeMoneyFormat } from "../lib/money/money-format.ts";
import { fireDueOrdersNow } from "../lib/orders/fire-due-orders.ts";
import { reconcileOutbox } from "../lib/outbox/reconcile-outbox.ts";
import { paymentsOf, type Payments } from "../lib/payments/payments-of-config.ts";
import { reconcilePayments } from "../lib/payments/reconcile-payments.ts";
import { createConsumer, type ConsumerOptions, type MessageHandler } from "../lib/queue/consumer.ts";
import type { Transport } from "../lib/queue/transport.ts";
import { createWorkerIdentity, recordHeartbeat, type WorkerIdentity } from "../lib/worker/heartbeat.ts";
import { repeat } from "../lib/worker/repeat.ts";
import { createNotificationMessageHandler } from "./handle-notification-message.ts";
import { createOrdersMessageHandler } from "./handle-orders-message.ts";
import { metricsAccess, startHealthServer, type HealthServer } from "./health-server.ts";

export type StartWorkerOptions = {
  config: Config;
  prisma: PrismaClient;
  transport: Transport;
  /** Default: from SMS_MODE (null = no texts). */
  smsSender?: SmsSender | null;
  /** Default: SMTP from SMTP_URL (null = no email). An injected sender is not closed by stop(). */
  emailSender?: EmailSender | null;
  /** Default: Web Push with the configured VAPID keys (null = no push). */
  pushSender?: PushSender | null;
  /** Long-poll seconds; 20 in production, 1 in tests so stop and redelivery are quick. */
  pollWaitSeconds?: number;
  reconcileIntervalMs?: number;
  heartbeatIntervalMs?: number;
  /** How often the dead-letter queues are peeked (a requested redrive is acted on within checkEveryMs). */
  deadLetters?: { peekEveryMs?: number; checkEveryMs?: number };
  /** Default: WORKER_HEALTH_PORT; 0 picks a free port; null runs no health server. It listens on WORKER_HEALTH_HOST. */
  healthPort?: number | null;
  retryDelaySeconds?: ConsumerOptions["retryDelaySeconds"];
  identity?: WorkerIdentity;
  /** Default: from PAYMENTS (the Stripe provider, or none for pay at pickup). */
  payments?: Payments;
  /** How often checkouts awaiting payment are looked for (each is asked about after PAYMENT_RECONCILE_AFTER_SECONDS). */
  paymentReconcileIntervalMs?: number;
  /** How often scheduled orders due for the kitchen are looked for (one due sooner is fired at its time). */
  fireIntervalMs?: number;
  /** The clock scheduled orders are fired by (default lib/clock.ts: real time, or the e2e test clock). */
  now?: () => Date;
};

type WorkerHealth = {
  status: "ok" | "queue-unreachable" | "stopping" | "stopped";
  workerId: string;
  lastPollAt: string | null;
  processed: number;
  failed: number;
};

export type Worker = {
  workerId: string;
  /** The health server's port, or null when it was not started. */
  healthPort: number | null;
  health: () => WorkerHealth;
  /** Stops polling, waits up to timeoutMs for in-flight messages, records the stop. */
  stop: (options?: { timeoutMs?: number }) => Promise<{ drained: boolean }>;
};

/**
 * Test-only fault injection for tests/chaos, never set in production:
 * BREWLINE_FAULT=exit-after-commit kills this process (SIGKILL, no cleanup) right after the
 * first orders message's handler committed and before the message is deleted, so the chaos
 * suite can prove that the redelivery changes nothing.
 */
function withInjectedFault(handler: MessageHandler): MessageHandler {
  if (process.env.BREWLINE_FAULT !== "exit-after-commit") return handler;
  return async (message) => {
    await handler(message);
    process.kill(process.pid, "SIGKILL");
  };
}

/** Everything the barista worker runs, wired from injected clients (tests run it in-process). */
export async function startWorker(options: StartWorkerOptions): Promise<Worker> {
  const { config, prisma, transport } = options;
  const identity = options.identity ?? createWorkerIdentity();
  const smsSender = options.smsSender !== undefined ? options.smsSender : createSmsSender({ mode: config.SMS_MODE, prisma, sns: transport.sns });
  const ownEmailSender = options.emailSender === undefined ? createEmailSender(config) : null;
  const emailSender = options.emailSender !== undefined ? options.emailSender : ownEmailSender;
  const pushSender = options.pushSender !== undefined ? options.pushSender : createPushSender(config);
  const payments = options.payments ?? paymentsOf(config);

  const handling = createHistogram({
    name: "brewline_message_handling_seconds",
    help: "Time the worker's handler took per message, by queue and outcome.",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  // Every handler failure is kept by message id: if SQS dead-letters the message, the
  // dashboard shows this error as the reason.
  const timed = (queue: string): Pick<ConsumerOptions, "onProcessed" | "onFailed"> => ({
    onProcessed: (_m, ms) => handling.observe({ queue, outcome: "processed" }, ms / 1000),
    onFailed: (message, error, ms) => {
      handling.observe({ queue, outcome: "failed" }, ms / 1000);
      recordMessageFailure({ prisma, queue, message, error }).catch((e: unknown) =>
        logger.warn({ queue, messageId: message.messageId, err: errorInfo(e) }, "could not record the message failure"),
      );
    },
  });
  const common = {
    sqs: transport.sqs,
    waitTimeSeconds: options.pollWaitSeconds ?? 20,
    retryDelaySeconds: options.retryDelaySeconds,
  };
  const consumers = [
    createConsumer({
      ...common,
      ...timed("orders"),
      name: "orders",
      queueUrl: config.ORDERS_QUEUE_URL,
      visibilityTimeoutSeconds: 30,
      concurrentBatches: 2,
      handler: withInjectedFault(createOrdersMessageHandler({ prisma, transport, payments })),
    }),
    createConsumer({
      ...common,
      ...timed("notifications"),
      name: "notifications",
      queueUrl: config.NOTIFICATIONS_QUEUE_URL,
      visibilityTimeoutSeconds: 60,
      // Sending email waits on the SMTP server; more batches in flight keep a slow
      // provider from holding up the next customer's text.
      concurrentBatches: 4,
      handler: createNotificationMessageHandler({
        prisma,
        smsSender,
        emailSender,
        pushSender,
        storeName: config.STORE_NAME,
        storeContact: config.STORE_CONTACT ?? config.PUBLIC_BASE_URL,
        publicBaseUrl: config.PUBLIC_BASE_URL,
        moneyFormat: storeMoneyFormat(config),
        dailyLimitPerRecipient: config.NOTIFY_DAILY_LIMIT_PER_RECIPIENT,
      }),
    }),
  ];
  const counts = () => ({
    processed: consumers.reduce((n, c) => n + c.status().processed, 0),
    failed: consumers.reduce((n, c) => n + c.status().failed, 0),
  });

  let state: "running" | "stopping" | "stopped" = "running";
  const health = (): WorkerHealth => {
    const statuses = consumers.map((c) => c.status());
    const polls = statuses.map((s) => s.lastPollAt?.getTime() ?? 0);
    const status = state !== "running" ? state : statuses.every((s) => s.running && s.receiving) ? "ok" : "queue-unreachable";
    return {
      status,
      workerId: identity.workerId,
      lastPollAt: polls.some((t) => t === 0) ? null : new Date(Math.min(...polls)).toISOString(),
      ...counts(),
    };
  };

  let healthServer: HealthServer | null = null;
  const healthPort = options.healthPort === undefined ? config.WORKER_HEALTH_PORT : options.healthPort;
  if (healthPort !== null) {
    const host = config.WORKER_HEALTH_HOST;
    if (metricsAccess(host, config.METRICS_TOKEN) === "off") {
      logger.warn({ host }, "the worker's health port listens beyond this machine without METRICS_TOKEN: /metrics is off (set METRICS_TOKEN to scrape it)");
    }
    healthServer = await startHealthServer({
      port: healthPort,
      host,
      metricsToken: config.METRICS_TOKEN,
      report: () => {
        const body = health();
        return { healthy: body.status === "ok", body };
      },
      metrics: async () =>
        renderMetrics([
          ...(await collectPipelineMetrics({
            prisma,
            sqs: transport.sqs,
            timeZone: config.STORE_TIMEZONE,
            queues: pipelineQueues(config),
          })),
          handling.family(),
        ]),
    });
  }

  for (const c of consumers) c.start();
  const reconciler = repeat("outbox-reconciler", options.reconcileIntervalMs ?? 2000, () =>
    reconcileOutbox({
      prisma,
      transport,
      resendAfterSeconds: config.OUTBOX_RESEND_AFTER_SECONDS,
      redeliverAfterSeconds: config.OUTBOX_REDELIVER_AFTER_SECONDS,
    }),
  );
  const paymentReconciler = payments.online
    ? repeat("payment-reconciler", options.paymentReconcileIntervalMs ?? 30_000, () =>
        reconcilePayments({
          prisma,
          transport,
          payments,
          afterSeconds: config.PAYMENT_RECONCILE_AFTER_SECONDS,
          expiresMinutes: config.CHECKOUT_EXPIRES_MINUTES,
        }),
      )
    : null;
  const fireInterval = options.fireIntervalMs ?? 1000;
  const firing = repeat("scheduled-orders", fireInterval, () => fireDueOrdersNow({ prisma, transport, now: options.now ?? clockNow }));
  const deadLetterMonitor = startDeadLetterMonitor({ prisma, sqs: transport.sqs, queues: deadLetterQueues(config), ...options.deadLetters });
  const heartbeat = repeat("heartbeat", options.heartbeatIntervalMs ?? 5000, () => recordHeartbeat({ prisma, identity, counts: counts() }));
  logger.info({ workerId: identity.workerId, healthPort: healthServer?.port, healthHost: config.WORKER_HEALTH_HOST, smsMode: config.SMS_MODE, emailEnabled: emailSender !== null, pushEnabled: pushSender !== null }, "worker started");

  let stopping: Promise<{ drained: boolean }> | undefined;
  const stop = async (timeoutMs: number) => {
    state = "stopping";
    const results = await Promise.all(consumers.map((c) => c.stop({ timeoutMs })));
    await Promise.all([reconciler.stop(), paymentReconciler?.stop(), firing.stop(), heartbeat.stop(), deadLetterMonitor.stop()]);
    await recordHeartbeat({ prisma, identity, counts: counts(), stopped: true }).catch((error) =>
      logger.warn({ err: errorInfo(error) }, "could not record the worker stop"),
    );
    await healthServer?.close();
    ownEmailSender?.close();
    state = "stopped";
    const drained = results.every((r) => r.drained);
    logger.info({ workerId: identity.workerId, drained, ...counts() }, "worker stopped");
    return { drained };
  };

  return {
    workerId: identity.workerId,
    healthPort: healthServer?.port ?? null,
    health,
    stop: ({ timeoutMs = 10_000 } = {}) => (stopping ??= stop(timeoutMs)),
  };
}
