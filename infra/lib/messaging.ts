import { Duration, Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as iam from "aws-cdk-lib/aws-iam";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { CUSTOMER_EVENT_TYPES } from "../../lib/messages/order-events.ts";
import { NOTIFICATIONS_MAX_RECEIVES, ORDERS_MAX_RECEIVES } from "../../lib/queue/provision.ts";

/**
 * The order board and the notification fan-out, as the launcher provisions them locally
 * (lib/queue/provision.ts): a FIFO orders queue (group = order id, explicit dedup ids)
 * with a FIFO DLQ, an SNS topic for order events, and a notifications queue subscribed
 * with raw delivery and a filter on eventType; and the topic two-way SMS publishes the
 * texts customers send to (STOP, HELP, START), read from the same queue. Alarms page someone when a message is
 * dead-lettered or the oldest order waits too long (workers down or too few).
 */
export class Messaging extends Construct {
  readonly ordersQueue: sqs.Queue;
  readonly ordersDlq: sqs.Queue;
  readonly notificationsQueue: sqs.Queue;
  readonly notificationsDlq: sqs.Queue;
  readonly topic: sns.Topic;
  /** Link the shop's phone number's two-way SMS to this topic (docs/DEPLOY-AWS.md, "Replies to texts"). */
  readonly inboundSmsTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: { oldestOrderAlarmSeconds?: number } = {}) {
    super(scope, id);
    const retention = Duration.days(14);
    this.ordersDlq = new sqs.Queue(this, "OrdersDlq", { fifo: true, retentionPeriod: retention, encryption: sqs.QueueEncryption.SQS_MANAGED });
    this.ordersQueue = new sqs.Queue(this, "Orders", {
      fifo: true,
      contentBasedDeduplication: false,
      visibilityTimeout: Duration.seconds(30),
      retentionPeriod: retention,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: this.ordersDlq, maxReceiveCount: ORDERS_MAX_RECEIVES },
    });
    this.notificationsDlq = new sqs.Queue(this, "NotificationsDlq", { retentionPeriod: retention, encryption: sqs.QueueEncryption.SQS_MANAGED });
    this.notificationsQueue = new sqs.Queue(this, "Notifications", {
      visibilityTimeout: Duration.seconds(60),
      retentionPeriod: retention,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: this.notificationsDlq, maxReceiveCount: NOTIFICATIONS_MAX_RECEIVES },
    });
    this.topic = new sns.Topic(this, "OrderEvents");
    this.topic.addSubscription(
      new subscriptions.SqsSubscription(this.notificationsQueue, {
        rawMessageDelivery: true,
        filterPolicy: { eventType: sns.SubscriptionFilter.stringFilter({ allowlist: [...CUSTOMER_EVENT_TYPES] }) },
      }),
    );

    // Texts customers send the shop's number: AWS End User Messaging SMS publishes them here
    // (this account's numbers only), and the notifier reads them from its queue as they are.
    this.inboundSmsTopic = new sns.Topic(this, "InboundSms");
    this.inboundSmsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal("sms-voice.amazonaws.com")],
        actions: ["sns:Publish"],
        resources: [this.inboundSmsTopic.topicArn],
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
    );
    this.inboundSmsTopic.addSubscription(new subscriptions.SqsSubscription(this.notificationsQueue, { rawMessageDelivery: true }));

    const dlqAlarm = (queue: sqs.Queue, name: string) =>
      new cloudwatch.Alarm(this, `${name}NotEmpty`, {
        alarmDescription: `${name}: a message was dead-lettered; see the dashboard's DLQ page`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: "Maximum" }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.alarms = [
      dlqAlarm(this.ordersDlq, "OrdersDlq"),
      dlqAlarm(this.notificationsDlq, "NotificationsDlq"),
      new cloudwatch.Alarm(this, "OldestOrderWaiting", {
        alarmDescription: "Orders are waiting on the queue: workers are down or too few",
        metric: this.ordersQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: "Maximum" }),
        threshold: props.oldestOrderAlarmSeconds ?? 120,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}
