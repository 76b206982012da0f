// OrderItem.options is a JSON snapshot (lib/orders/price-order.ts), the options that order.placed
// and the customer messages name (a leaf module: every folder may read it); older rows may lack
// isDefault: such an option counts as chosen. Read by the receipt, the dashboard and the
// order.placed message of an order stored before it goes to the kitchen (orderPlacedOf in order-placed.ts).

export type ItemOption = { name: string; isDefault?: boolean };

export function readOrderItemOptions(value: unknown): ItemOption[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((o: unknown) => {
    if (!o || typeof o !== "object" || typeof (o as { name?: unknown }).name !== "string") return [];
    const { name, isDefault } = o as { name: string; isDefault?: unknown };
    return [{ name, isDefault: isDefault === true }];
  });
}
