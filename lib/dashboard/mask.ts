// Staff screens show enough of a recipient to tell rows apart, never the full contact.

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 4) return "•".repeat(digits.length);
  return `${phone.trim().startsWith("+") ? "+" : ""}${"•".repeat(Math.min(8, digits.length - 3))}${digits.slice(-3)}`;
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "•••";
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  const tld = dot > 0 ? domain.slice(dot) : "";
  return `${email[0]}•••@${domain[0] ?? ""}•••${tld}`;
}

export const maskRecipient = (channel: "SMS" | "EMAIL", recipient: string) =>
  channel === "SMS" ? maskPhone(recipient) : maskEmail(recipient);
