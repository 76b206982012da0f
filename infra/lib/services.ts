import { Duration, SecretValue, Stack } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecr from "aws-cdk-lib/aws-ecr";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as ecsPatterns from "aws-cdk-lib/aws-ecs-patterns";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { Database } from "./database.ts";
import type { Messaging } from "./messaging.ts";
import { resolvePublicAccess, type PublicAccessProps } from "./public-access.ts";

/** How long the load balancer keeps an idle connection (SSE streams send a comment well within it). */
const ALB_IDLE_TIMEOUT_SECONDS = 300;

/**
 * Added by the balancer to every HTTPS response, including its own (a 503 while no task
 * is healthy). The app sends the same header on requests forwarded as https
 * (next.config.js): keep the two values identical, so it never matters which one a
 * browser sees.
 */
export const HSTS_HEADER_VALUE = "max-age=31536000; includeSubDomains";

export type ServicesProps = {
  vpc: ec2.IVpc;
  database: Database;
  messaging: Messaging;
  /** ECR repository and tag of the image built from the repo's Dockerfile. */
  repositoryName: string;
  imageTag: string;
  /** Image of the migration task; set ahead of imageTag so migrations run before the rollout. */
  migrateImageTag?: string;
  storeName: string;
  storeTimeZone: string;
  /** STORE_CURRENCY and STORE_LOCALE (default USD, en-US). */
  storeCurrency?: string;
  storeLocale?: string;
  /**
   * Name of a Secrets Manager secret holding {"secretKey": "sk_…", "webhookSecret": "whsec_…"}
   * (made by hand: keys never pass through CDK): PAYMENTS=stripe for web and worker. Unset =
   * pay at pickup.
   */
  stripeSecretName?: string;
  /** STORE_CONTACT: how customers reach the shop, in the reply to a HELP text (default: the shop's address). */
  storeContact?: string;
  /** Real texts through SNS (needs an SMS-enabled account); false = no texts. */
  smsViaSns: boolean;
  web: { desiredCount: number; cpu: number; memoryMiB: number };
  worker: { minCount: number; maxCount: number; cpu: number; memoryMiB: number };
  /** Certificate and address (sign-in accepts requests from this origin only); HTTPS unless allowHttp. */
  publicAccess: PublicAccessProps;
};

// The containers assemble DATABASE_URL from the secret's fields at start: ECS injects
// secrets only as whole variables. TLS without CA pinning (libpq's sslmode=require).
const withDatabaseUrl = (command: string) => [
  "sh",
  "-c",
  `export DATABASE_URL="postgresql://$DB_USER:$DB_PASSWORD@$DB_HOST:$DB_PORT/${Database.NAME}?sslmode=require&uselibpqcompat=true"; exec ${command}`,
];

/**
 * ECS Fargate: the stateless web app behind an ALB (target health = /api/ready), the
 * worker as competing consumers scaled on the orders queue's depth, and a one-off
 * migration task definition run before each rollout. One image, three commands. Each
 * task role gets only what its process does: the web may send to the orders queue and
 * read queue attributes, never publish to SNS; only the worker consumes and publishes.
 */
export class Services extends Construct {
  readonly web: ecsPatterns.ApplicationLoadBalancedFargateService;
  readonly worker: ecs.FargateService;
  readonly migrateTask: ecs.FargateTaskDefinition;
  /** Web Push's VAPID keys, {"publicKey", "privateKey"}: empty (push off) until filled in by hand. */
  readonly vapidSecret: secretsmanager.Secret;
  /** PUBLIC_BASE_URL of the web app: where customers and staff reach the shop. */
  readonly publicBaseUrl: string;

  constructor(scope: Construct, id: string, props: ServicesProps) {
    super(scope, id);
    const { messaging, database } = props;
    const cluster = new ecs.Cluster(this, "Cluster", { vpc: props.vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const repository = ecr.Repository.fromRepositoryName(this, "Repo", props.repositoryName);
    const image = ecs.ContainerImage.fromEcrRepository(repository, props.imageTag);
    const environment = {
      NODE_ENV: "production",
      AWS_REGION: Stack.of(this).region,
      ORDERS_QUEUE_URL: messaging.ordersQueue.queueUrl,
      ORDERS_DLQ_URL: messaging.ordersDlq.queueUrl,
      NOTIFICATIONS_QUEUE_URL: messaging.notificationsQueue.queueUrl,
      NOTIFICATIONS_DLQ_URL: messaging.notificationsDlq.queueUrl,
      ORDER_EVENTS_TOPIC_ARN: messaging.topic.topicArn,
      INBOUND_SMS_TOPIC_ARN: messaging.inboundSmsTopic.topicArn,
      STORE_NAME: props.storeName,
      STORE_TIMEZONE: props.storeTimeZone,
      ...(props.storeCurrency ? { STORE_CURRENCY: props.storeCurrency } : {}),
      ...(props.storeLocale ? { STORE_LOCALE: props.storeLocale } : {}),
      ...(props.storeContact ? { STORE_CONTACT: props.storeContact } : {}),
      ...(props.stripeSecretName ? { PAYMENTS: "stripe" } : {}),
      DB_HOST: database.instance.dbInstanceEndpointAddress,
      DB_PORT: database.instance.dbInstanceEndpointPort,
    };
    // The web opens checkouts and verifies webhooks; the worker reconciles checkouts and
    // refunds: both read the Stripe keys.
    const stripe = props.stripeSecretName ? secretsmanager.Secret.fromSecretNameV2(this, "StripeSecret", props.stripeSecretName) : null;
    const secrets = {
      DB_USER: ecs.Secret.fromSecretsManager(database.secret, "username"),
      DB_PASSWORD: ecs.Secret.fromSecretsManager(database.secret, "password"),
      ...(stripe
        ? {
            STRIPE_SECRET_KEY: ecs.Secret.fromSecretsManager(stripe, "secretKey"),
            STRIPE_WEBHOOK_SECRET: ecs.Secret.fromSecretsManager(stripe, "webhookSecret"),
          }
        : {}),
    };
    // Signs staff session cookies; all web tasks share it, and only the web reads it.
    const authSecret = new secretsmanager.Secret(this, "AuthSecret", {
      description: "Brewline BETTER_AUTH_SECRET (staff session cookies)",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    // Web Push's VAPID key pair: made here as empty placeholders (push stays off) and filled in
    // by hand once (docs/DEPLOY-AWS.md, "Push notifications"), so the private key never passes
    // through CDK or the template. The template never changes the value, so a deploy keeps it.
    // Web and worker both get the pair: the configuration takes both keys or neither.
    this.vapidSecret = new secretsmanager.Secret(this, "VapidKeys", {
      description: 'Brewline Web Push VAPID keys: {"publicKey": "…", "privateKey": "…"} from npx web-push generate-vapid-keys',
      secretObjectValue: { publicKey: SecretValue.unsafePlainText(""), privateKey: SecretValue.unsafePlainText("") },
    });
    const vapid = {
      VAPID_PUBLIC_KEY: ecs.Secret.fromSecretsManager(this.vapidSecret, "publicKey"),
      VAPID_PRIVATE_KEY: ecs.Secret.fromSecretsManager(this.vapidSecret, "privateKey"),
    };
    const logging = (prefix: string) => ecs.LogDrivers.awsLogs({ streamPrefix: prefix, logRetention: logs.RetentionDays.ONE_MONTH });
    const access = resolvePublicAccess(this, props.publicAccess);
    // With a certificate, port 80 only answers 301 to https (redirectHTTP): nothing reaches
    // the app in clear text.
    const tls =
      access.protocol === "https"
        ? {
            protocol: elbv2.ApplicationProtocol.HTTPS,
            certificate: access.certificate,
            sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
            redirectHTTP: true,
            domainName: access.domainName,
            domainZone: access.domainZone,
          }
        : {};

    this.web = new ecsPatterns.ApplicationLoadBalancedFargateService(this, "Web", {
      cluster,
      desiredCount: props.web.desiredCount,
      cpu: props.web.cpu,
      memoryLimitMiB: props.web.memoryMiB,
      publicLoadBalancer: true,
      ...tls,
      // A rollout starts new tasks before stopping old ones: no dip below the desired count.
      minHealthyPercent: 100,
      circuitBreaker: { rollback: true },
      taskImageOptions: {
        image,
        containerPort: 3000,
        command: withDatabaseUrl("node --max-semi-space-size=64 server.js"),
        // Node closes idle keep-alive connections after 5 s; the balancer reuses them for
        // up to its idle timeout (300 s below) and answers 502 when it sends a request on
        // one Node is closing. Next's server.js reads KEEP_ALIVE_TIMEOUT: keep it longer.
        environment: {
          ...environment,
          KEEP_ALIVE_TIMEOUT: String((ALB_IDLE_TIMEOUT_SECONDS + 10) * 1000),
          // The balancer appends the client's address to X-Forwarded-For: exactly one hop to
          // trust. Said here, not left to the default, because every per-address limit
          // (orders, sign-in) keys on it; the launcher sets 0 for a server with no proxy.
          TRUSTED_PROXY_HOPS: "1",
          // Marks the plain HTTP as deliberate (-c allowHttp=true) for the app's https checks.
          ...(access.protocol === "http" ? { ALLOW_INSECURE_HTTP: "true" } : {}),
        },
        secrets: { ...secrets, ...vapid, BETTER_AUTH_SECRET: ecs.Secret.fromSecretsManager(authSecret) },
        logDriver: logging("web"),
      },
    });
    this.publicBaseUrl = access.publicBaseUrl ?? `${access.protocol}://${this.web.loadBalancer.loadBalancerDnsName}`;
    this.web.taskDefinition.defaultContainer!.addEnvironment("PUBLIC_BASE_URL", this.publicBaseUrl);
    if (access.protocol === "https") this.web.listener.setAttribute("routing.http.response.strict_transport_security.header_value", HSTS_HEADER_VALUE);
    this.web.targetGroup.configureHealthCheck({ path: "/api/ready", healthyHttpCodes: "200", interval: Duration.seconds(15) });
    // Long-lived SSE streams (live order status) must not be cut by the balancer's default 60 s.
    this.web.loadBalancer.setAttribute("idle_timeout.timeout_seconds", String(ALB_IDLE_TIMEOUT_SECONDS));
    messaging.ordersQueue.grantSendMessages(this.web.taskDefinition.taskRole);
    for (const q of [messaging.ordersQueue, messaging.ordersDlq, messaging.notificationsQueue, messaging.notificationsDlq]) {
      this.web.taskDefinition.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ["sqs:GetQueueAttributes"], resources: [q.queueArn] }));
    }

    const workerTask = new ecs.FargateTaskDefinition(this, "WorkerTask", { cpu: props.worker.cpu, memoryLimitMiB: props.worker.memoryMiB });
    // WORKER_HEALTH_HOST stays unset: the worker's default, 127.0.0.1, is all the container
    // health check below needs, and /metrics is nobody else's business (the worker's
    // security group admits nothing either).
    workerTask.addContainer("worker", {
      image,
      command: withDatabaseUrl("node --import tsx worker/main.ts"),
      // PUBLIC_BASE_URL: the links in what the worker sends (status page, unsubscribe, HELP reply).
      environment: { ...environment, PUBLIC_BASE_URL: this.publicBaseUrl, SMS_MODE: props.smsViaSns ? "sns" : "off", WORKER_HEALTH_PORT: "3001" },
      secrets: { ...secrets, ...vapid },
      logging: logging("worker"),
      healthCheck: { command: ["CMD-SHELL", "node -e \"fetch('http://127.0.0.1:3001/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))\""] },
      stopTimeout: Duration.seconds(30),
    });
    messaging.ordersQueue.grantConsumeMessages(workerTask.taskRole);
    // The worker's outbox reconciler re-sends order messages the web could not send.
    messaging.ordersQueue.grantSendMessages(workerTask.taskRole);
    messaging.notificationsQueue.grantConsumeMessages(workerTask.taskRole);
    messaging.topic.grantPublish(workerTask.taskRole);
    // The dead-letter monitor (lib/dlq) peeks the DLQs, and redrives what a manager asks
    // for: back to its source queue, then deleted from the DLQ.
    for (const q of [messaging.ordersDlq, messaging.notificationsDlq]) q.grantConsumeMessages(workerTask.taskRole);
    messaging.notificationsQueue.grantSendMessages(workerTask.taskRole);
    if (props.smsViaSns) {
      // A text to a phone number is sns:Publish without a topic: there is no ARN to scope it to.
      workerTask.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ["sns:Publish"], resources: ["*"] }));
    }
    this.worker = new ecs.FargateService(this, "Worker", {
      cluster,
      taskDefinition: workerTask,
      desiredCount: props.worker.minCount,
      minHealthyPercent: 100,
      circuitBreaker: { rollback: true },
    });
    const scaling = this.worker.autoScaleTaskCount({ minCapacity: props.worker.minCount, maxCapacity: props.worker.maxCount });
    scaling.scaleOnMetric("OrdersBacklog", {
      metric: messaging.ordersQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: "Maximum" }),
      scalingSteps: [
        { upper: 20, change: -1 },
        { lower: 100, change: +1 },
        { lower: 500, change: +2 },
      ],
      cooldown: Duration.minutes(2),
    });

    this.migrateTask = new ecs.FargateTaskDefinition(this, "MigrateTask", { cpu: 256, memoryLimitMiB: 512 });
    const migrateImage = ecs.ContainerImage.fromEcrRepository(repository, props.migrateImageTag ?? props.imageTag);
    this.migrateTask.addContainer("migrate", { image: migrateImage, command: withDatabaseUrl("node --import tsx scripts/migrate.ts"), environment, secrets, logging: logging("migrate") });

    for (const service of [this.web.service, this.worker]) database.instance.connections.allowDefaultPortFrom(service);
  }
}
