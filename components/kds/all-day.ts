import type { KdsTicket } from "../../lib/kitchen/kitchen-types.ts";

// "All day" counts, as restaurant kitchens call them: how many of each drink, and of
// each option, are still to make across the open tickets — so a barista can steam the
// oat milk for five lattes at once. Bumped tickets (waiting for the worker) and items
// their station already marked done are made, so they do not count.

type AllDayOption = { name: string; group: string | null; count: number; nonDefault: boolean; flag: string | null };
type AllDayDrink = { name: string; count: number; options: AllDayOption[] };
export type AllDay = { drinks: AllDayDrink[]; options: AllDayOption[]; totalDrinks: number; tickets: number };

const byCountThenName = <T extends { count: number; name: string }>(a: T, b: T) => b.count - a.count || a.name.localeCompare(b.name);

function addOption(counts: Map<string, AllDayOption>, option: Omit<AllDayOption, "count">, quantity: number) {
  // The same name can mean different things in different groups ("Large" size, "Large" ice).
  const key = JSON.stringify([option.group, option.name]);
  const found = counts.get(key);
  if (found) found.count += quantity;
  else counts.set(key, { ...option, count: quantity });
}

export function allDayCounts(tickets: readonly KdsTicket[]): AllDay {
  const drinks = new Map<string, { count: number; options: Map<string, AllDayOption> }>();
  const options = new Map<string, AllDayOption>();
  let totalDrinks = 0;
  let ticketCount = 0;
  for (const ticket of tickets) {
    if (ticket.readyRequestedAt) continue;
    const open = ticket.items.filter((item) => !item.doneAt);
    if (open.length > 0) ticketCount += 1;
    for (const item of open) {
      totalDrinks += item.quantity;
      const drink = drinks.get(item.name) ?? { count: 0, options: new Map() };
      drinks.set(item.name, drink);
      drink.count += item.quantity;
      for (const o of item.options) {
        const option = { name: o.name, group: o.group, nonDefault: o.nonDefault, flag: o.flag };
        addOption(drink.options, option, item.quantity);
        addOption(options, option, item.quantity);
      }
    }
  }
  return {
    drinks: [...drinks].map(([name, d]) => ({ name, count: d.count, options: [...d.options.values()].sort(byCountThenName) })).sort(byCountThenName),
    options: [...options.values()].sort(byCountThenName),
    totalDrinks,
    tickets: ticketCount,
  };
}
