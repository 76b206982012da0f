import { z } from "zod";

// Texts customers send to the shop's number. On AWS, two-way SMS (AWS End User Messaging
// SMS) publishes each one to an SNS topic as the JSON below; locally the dev SMS form
// publishes the same shape. Docs: "Example of a two-way SMS message payload for Amazon SNS topics".

const E164 = /^\+[1-9]\d{6,14}$/;

export const inboundSmsMessageSchema = z.object({
  /** The customer's number (E.164): the recipient an opt-out is recorded for. */
  originationNumber: z.string({ error: "originationNumber is required" }).regex(E164, "originationNumber must be an E.164 phone number"),
  /** The shop's number the text was sent to. */
  destinationNumber: z.string({ error: "destinationNumber is required" }).max(32),
  /** The keyword registered on the shop's number that matched, if any (informational: keywordOf decides). */
  messageKeyword: z.string().max(200).optional(),
  messageBody: z.string({ error: "messageBody is required" }).max(2000),
  /** Unique per text: what makes handling it exactly once. */
  inboundMessageId: z.string({ error: "inboundMessageId is required" }).min(1).max(200),
  /** The message of ours the customer answered, when the provider knows. */
  previousPublishedMessageId: z.string().max(200).optional(),
});

export type InboundSmsMessage = z.infer<typeof inboundSmsMessageSchema>;

/** Whether a queue message is meant as an inbound text (and is then parsed, and refused, as one). */
export function looksLikeInboundSms(json: unknown): boolean {
  return typeof json === "object" && json !== null && !Array.isArray(json) && ("inboundMessageId" in json || "originationNumber" in json);
}

export type SmsKeyword = "STOP" | "START" | "HELP" | "OTHER";

// The words carriers and the CTIA guidelines treat as opt-out, opt-in and help requests.
const KEYWORDS: Record<string, Exclude<SmsKeyword, "OTHER">> = {
  STOP: "STOP",
  STOPALL: "STOP",
  UNSUBSCRIBE: "STOP",
  CANCEL: "STOP",
  END: "STOP",
  QUIT: "STOP",
  OPTOUT: "STOP",
  REVOKE: "STOP",
  START: "START",
  UNSTOP: "START",
  YES: "START",
  HELP: "HELP",
  INFO: "HELP",
};

/** What a text asks for: its first word, whatever the case and punctuation ("Stop.", "opt-out", " help!"). */
export function keywordOf(body: string): SmsKeyword {
  const first = body.trim().split(/\s+/)[0] ?? "";
  const word = first.replace(/[^\p{L}\p{N}]/gu, "").toUpperCase();
  return KEYWORDS[word] ?? "OTHER";
}

// One SMS segment is 160 GSM-7 characters: plain ASCII only (a curly apostrophe would make
// the text UCS-2, 70 characters a segment), and short, whatever the store's name.

export const stopReply = (storeName: string) => `You're unsubscribed from ${storeName} texts. No more messages. Reply START to resubscribe.`;

export const startReply = (storeName: string) => `You're resubscribed to ${storeName} texts. Reply STOP to opt out.`;

export const helpReply = (storeName: string, contact: string | undefined) =>
  contact ? `${storeName}: order-ready texts. Help: ${contact}. Reply STOP to opt out.` : `${storeName}: order-ready texts. Reply STOP to opt out.`;
