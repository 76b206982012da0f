import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { mailOptionsOf } from "./email-sender.ts";

// The headers as they leave nodemailer (its stream transport writes the raw message an
// SMTP server would get), unfolded the way a mail client reads them.

const links = { oneClickUrl: "https://cafe.example/api/unsubscribe/tok_EN-1234567890abcdef", pageUrl: "https://cafe.example/unsubscribe/tok_EN-1234567890abcdef" };
const email = { to: "ada@example.com", subject: "Your order is ready", text: "Ready", html: "<p>Ready</p>" };

async function rawHeaders(options: ReturnType<typeof mailOptionsOf>): Promise<Map<string, string[]>> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "\r\n" });
  const info = await transport.sendMail(options);
  const head = (info.message as Buffer).toString("utf8").split("\r\n\r\n")[0]!.replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string[]>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return headers;
}

describe("mailOptionsOf", () => {
  it("writes the RFC 8058 headers once each, and no 'unsubscribe' option reaches nodemailer", async () => {
    const options = mailOptionsOf({ ...email, unsubscribe: links }, "Cafe <cafe@example.com>");
    expect(options).not.toHaveProperty("unsubscribe");
    const headers = await rawHeaders(options);
    expect(headers.get("list-unsubscribe")).toEqual([`<${links.oneClickUrl}>`]);
    expect(headers.get("list-unsubscribe-post")).toEqual(["List-Unsubscribe=One-Click"]);
    // The page's address is for people, in the body; the header carries the one-click URL only.
    expect([...headers.values()].flat().join("\n")).not.toContain(links.pageUrl);
  });

  it("writes neither header without links", async () => {
    const headers = await rawHeaders(mailOptionsOf({ ...email, unsubscribe: undefined }, "cafe@example.com"));
    expect(headers.has("list-unsubscribe")).toBe(false);
    expect(headers.has("list-unsubscribe-post")).toBe(false);
    expect(headers.get("to")).toEqual(["ada@example.com"]);
  });
});
