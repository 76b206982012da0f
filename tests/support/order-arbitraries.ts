import fc from "fast-check";
import { categories, modifierGroups } from "../../lib/menu/cafe-menu.ts";
import { MAX_CART_LINES, MAX_NOTE_LENGTH, MAX_QUANTITY } from "../../lib/orders/order-input.ts";

// fast-check generators for orders, valid and hostile, and the price oracle they are
// checked against: the seeded menu (lib/menu/cafe-menu.ts), read independently of the
// pricing code under test.

// ---------- the menu, as the seed defines it (the oracle for prices) ----------

const groupsById = new Map(modifierGroups.map((g) => [g.id, g]));
const menuItems = categories.flatMap((c) => c.items);
const menuIds = new Set<string>([...menuItems.map((i) => i.id), ...modifierGroups.flatMap((g) => g.modifiers.map((m) => m[0]))]);

export type Line = { menuItemId: string; quantity: number; modifierIds: string[]; note?: string };

/** Unit price of a line by the menu: base + chosen options + defaults of required groups left out. */
export function expectedUnitPrice(line: Line): number {
  const item = menuItems.find((i) => i.id === line.menuItemId)!;
  let price = item.basePriceCents;
  for (const groupId of item.groups) {
    const group = groupsById.get(groupId)!;
    const chosen = group.modifiers.filter((m) => line.modifierIds.includes(m[0]));
    const picked = chosen.length === 0 && group.minSelect > 0 ? group.modifiers.filter((m) => m[3]).slice(0, group.maxSelect) : chosen;
    price += picked.reduce((sum, m) => sum + m[2], 0);
  }
  return price;
}

// ---------- generators ----------

let keys = 0;
export const freshKey = () => `prop-${Date.now()}-${++keys}-abcdefgh`;

/** Text a customer may really type: any Unicode (emoji, RTL, combining marks) but no control characters. */
const humanText = (maxLength: number) =>
  fc
    .string({ unit: fc.oneof(fc.constantFrom("a", "Z", " ", "é", "ß", "中", "ש", "\u202E", "\u200F", "👩‍👩‍👧", "🙂", "e\u0301"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: Math.ceil(maxLength / 3) })
    .map((s) => s.replace(/[\p{Cc}]/gu, ""))
    .filter((s) => s.trim().length <= maxLength);

const validLine: fc.Arbitrary<Line> = fc
  .record({
    item: fc.constantFrom(...menuItems),
    quantity: fc.integer({ min: 1, max: MAX_QUANTITY }),
    picks: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    note: fc.option(humanText(MAX_NOTE_LENGTH), { nil: undefined }),
  })
  .map(({ item, quantity, picks, note }) => {
    const modifierIds: string[] = [];
    item.groups.forEach((groupId, g) => {
      const group = groupsById.get(groupId)!;
      const pick = picks[g]!;
      if (group.maxSelect === 1) {
        // 0: leave it to the default; otherwise one explicit choice.
        const choice = pick % (group.modifiers.length + 1);
        if (choice > 0) modifierIds.push(group.modifiers[choice - 1]![0]);
      } else {
        // A subset of at most maxSelect options, chosen by the bits of pick.
        group.modifiers.filter((_, i) => pick & (1 << i)).slice(0, group.maxSelect).forEach((m) => modifierIds.push(m[0]));
      }
    });
    return { menuItemId: item.id, quantity, modifierIds: modifierIds.reverse(), ...(note === undefined ? {} : { note }) };
  });

/**
 * Real mobile numbers written the ways customers write them: national (the store is in
 * the US) and international, in the countries the test stack texts (TEST_SMS_COUNTRIES).
 */
const validPhones = ["(415) 555-2671", "415.555.2671", "+1 415 555 2671", "+44 7911 123123", "+44 (0)7400 123456", "+447700123456"];

export const validOrder = fc
  .record({
    customerName: humanText(40).filter((s) => s.trim().length >= 1),
    phone: fc.option(fc.constantFrom(...validPhones), { nil: undefined }),
    email: fc.option(fc.constantFrom("ada@example.com", "Bob.O'Neil+coffee@mail.example.co.uk", "x@y.io"), { nil: undefined }),
    deviceId: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/), { nil: undefined }),
    items: fc.array(validLine, { minLength: 1, maxLength: 5 }),
  })
  // Consent is required with a phone or an email (and harmless without).
  .chain((order) => (order.phone || order.email ? fc.constant({ ...order, notifyConsent: true }) : fc.option(fc.boolean(), { nil: undefined }).map((notifyConsent) => ({ ...order, notifyConsent }))));

export const baseOrder = () => ({ idempotencyKey: freshKey(), customerName: "Ada", items: [{ menuItemId: "latte", quantity: 1, modifierIds: [] as string[] }] });

/** Values of every JSON type except the one named. */
const notA = (type: "string" | "array" | "number"): fc.Arbitrary<unknown> => {
  const others: fc.Arbitrary<unknown>[] = [fc.boolean(), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 })];
  if (type !== "string") others.push(fc.string());
  if (type !== "number") others.push(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })));
  if (type !== "array") others.push(fc.array(fc.jsonValue(), { maxLength: 3 }));
  return fc.oneof(...others);
};

export const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFFy", "\u202Elatte", "🙂".repeat(50), "'; DROP TABLE \"Order\";--", "../../etc/passwd", "%00", "${7*7}"),
);

const unknownId = fc.oneof(hostileString, fc.string({ minLength: 1, maxLength: 64 })).filter((s) => !menuIds.has(s));

export const protoKey = fc.constantFrom("__proto__", "constructor", "prototype");

/** Builds `{"<key>": value, ...rest}` as JSON text, since a JS literal would set the prototype instead. */
export const withRawKey = (json: string, key: string, value: unknown) => `{${JSON.stringify(key)}:${JSON.stringify(value)},${json.slice(1)}`;

export type Hostile = { what: string; body: string | Uint8Array<ArrayBuffer> };

export const hostileBodies: fc.Arbitrary<Hostile> = fc.oneof(
  // Not an object at all.
  fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.boolean(), fc.array(fc.jsonValue(), { maxLength: 4 })).map((v) => ({ what: "not an object", body: JSON.stringify(v) })),
  fc.string({ unit: "binary", maxLength: 200 }).map((s) => ({ what: "arbitrary text", body: s })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => ({ what: "arbitrary bytes", body: Uint8Array.from([0xff, ...b]) })),
  // One field of the wrong type.
  fc
    .oneof(
      notA("string").map((v) => ["customerName", v] as const),
      notA("string").map((v) => ["idempotencyKey", v] as const),
      notA("array").map((v) => ["items", v] as const),
      notA("string").filter((v) => v !== "").map((v) => ["phone", v] as const),
      notA("string").map((v) => ["email", v] as const),
      notA("string").map((v) => ["deviceId", v] as const),
      fc.oneof(fc.string(), fc.integer(), fc.constant(null)).map((v) => ["notifyConsent", v] as const),
    )
    .map(([field, value]) => ({ what: `wrong type for ${field}`, body: JSON.stringify({ ...baseOrder(), [field]: value }) })),
  // Contact details without consent to use them, and phone numbers that are not numbers.
  fc
    .tuple(fc.constantFrom({ phone: "+1 415 555 2671" }, { email: "ada@example.com" }), fc.constantFrom(undefined, false))
    .map(([contact, notifyConsent]) => ({ what: "contact without consent", body: JSON.stringify({ ...baseOrder(), ...contact, notifyConsent }) })),
  fc
    .oneof(fc.stringMatching(/^\+?[0-9 ()-]{1,12}$/).filter((v) => v.replace(/\D/g, "").length < 6), fc.constantFrom("12345", "+1 000 000 0000", "call me", "+999 1234 5678"))
    .map((phone) => ({ what: "not a phone number", body: JSON.stringify({ ...baseOrder(), phone, notifyConsent: true }) })),
  // Quantities that are not a whole number from 1 to MAX_QUANTITY.
  fc
    .oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: MAX_QUANTITY + 1 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
      fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
      notA("number"),
    )
    .map((quantity) => ({ what: "bad quantity", body: JSON.stringify({ ...baseOrder(), items: [{ menuItemId: "latte", quantity }] }) })),
  // Unknown or hostile ids.
  unknownId.map((id) => ({ what: "unknown menu item", body: JSON.stringify({ ...baseOrder(), items: [{ menuItemId: id, quantity: 1 }] }) })),
  unknownId.map((id) => ({ what: "unknown option", body: JSON.stringify({ ...baseOrder(), items: [{ menuItemId: "latte", quantity: 1, modifierIds: [id] }] }) })),
  // Hostile text where text is expected.
  fc
    .tuple(fc.constantFrom("customerName", "note", "idempotencyKey", "phone", "email"), fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFFy", "\u0007bell", "tab\u001bescape"))
    .map(([field, text]) => {
      const order = baseOrder();
      const body = field === "note" ? { ...order, items: [{ ...order.items[0]!, note: text }] } : { ...order, [field]: text };
      return { what: `control or lone surrogate in ${field}`, body: JSON.stringify(body) };
    }),
  // Prototype-pollution keys at the top level and inside a line.
  fc.tuple(protoKey, fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => ({ what: `top-level ${key}`, body: withRawKey(JSON.stringify(baseOrder()), key, value) })),
  fc.tuple(protoKey, fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => {
    const order = baseOrder();
    const line = withRawKey(JSON.stringify(order.items[0]), key, value);
    return { what: `${key} in a line`, body: JSON.stringify({ ...order, items: [] }).replace('"items":[]', `"items":[${line}]`) };
  }),
  // Too long, too many, too deep.
  fc.integer({ min: 41, max: 20_000 }).map((n) => ({ what: "long name", body: JSON.stringify({ ...baseOrder(), customerName: "é".repeat(n) }) })),
  fc.integer({ min: MAX_NOTE_LENGTH + 1, max: 5_000 }).map((n) => ({ what: "long note", body: JSON.stringify({ ...baseOrder(), items: [{ menuItemId: "latte", quantity: 1, note: "🙂x".repeat(Math.ceil(n / 2)) }] }) })),
  fc.integer({ min: MAX_CART_LINES + 1, max: 200 }).map((n) => ({ what: "too many lines", body: JSON.stringify({ ...baseOrder(), items: Array.from({ length: n }, () => ({ menuItemId: "latte", quantity: 1 })) }) })),
  fc.integer({ min: 13, max: 500 }).map((n) => ({ what: "too many options", body: JSON.stringify({ ...baseOrder(), items: [{ menuItemId: "latte", quantity: 1, modifierIds: Array.from({ length: n }, (_, i) => `m${i}`) }] }) })),
  fc.tuple(fc.integer({ min: 2, max: 5_000 }), fc.boolean(), fc.constantFrom("items", "customerName", "x")).map(([depth, arrays, field]) => {
    const nested = arrays ? `${"[".repeat(depth)}1${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    const name = field === "customerName" ? nested : '"Ada"';
    const items = field === "items" ? nested : '[{"menuItemId":"latte","quantity":1}]';
    const extra = field === "x" ? `,"x":${nested}` : "";
    return { what: `nested ${depth} deep in ${field}`, body: `{"idempotencyKey":${JSON.stringify(freshKey())},"customerName":${name},"items":${items}${extra}}` };
  }),
  // Arrays where objects are expected.
  fc.constantFrom(
    { what: "array for the order", body: JSON.stringify([baseOrder()]) },
    { what: "array for a line", body: JSON.stringify({ ...baseOrder(), items: [["latte", 1]] }) },
    { what: "string for a line", body: JSON.stringify({ ...baseOrder(), items: ["latte"] }) },
    { what: "null line", body: JSON.stringify({ ...baseOrder(), items: [null] }) },
  ),
);
