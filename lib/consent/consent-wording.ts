// The sentences customers agree to, kept word for word in the consent ledger
// (ConsentRecord.wording). The pages show these same constants, so the ledger records
// exactly what was on screen. A leaf module: the browser imports it too.

/** The checkout's checkbox for a text and/or email. */
export const CHECKOUT_CONSENT_WORDING = "Text/email me when my order is ready. We use your number/email only for this order.";

/** A walk-up order taken at the counter with the customer's number or address. */
export const COUNTER_CONSENT_WORDING = "Asked at the counter: text/email me when my order is ready.";

/** The push choice at checkout and the status page's button. */
export const PUSH_CONSENT_WORDING = "Notify me on this phone when my order is ready.";

/** The status page's button that turns push off for the order (the ledger's WITHDRAWN words). */
export const PUSH_WITHDRAWN_WORDING = "Stop notifications on this phone";
