/**
 * Environment that switches off anything a developer's shell points at (an external
 * database, AWS, an SMTP server), so a launcher started with it always runs the
 * embedded stack: for the end-to-end tests, the benchmarks and Lighthouse.
 */
export const EMBEDDED_ONLY_ENV: Record<string, string> = {
  DATABASE_URL: "",
  AWS_ENDPOINT_URL: "",
  ORDERS_QUEUE_URL: "",
  ORDERS_DLQ_URL: "",
  NOTIFICATIONS_QUEUE_URL: "",
  NOTIFICATIONS_DLQ_URL: "",
  ORDER_EVENTS_TOPIC_ARN: "",
  INBOUND_SMS_TOPIC_ARN: "",
  SMTP_URL: "",
  MAIL_INBOX_URL: "",
  SMS_MODE: "",
};
