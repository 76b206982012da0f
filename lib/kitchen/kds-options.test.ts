import { describe, expect, it } from "vitest";
import { kdsOptions } from "./kds-options.ts";

describe("kdsOptions", () => {
  it("maps today's snapshot: group, non-default choices and dietary flags", () => {
    expect(
      kdsOptions([
        { groupId: "size", group: "Size", modifierId: "size-small", name: "Small (8 oz)", priceDeltaCents: 0, isDefault: true, flag: null },
        { groupId: "milk", group: "Milk", modifierId: "milk-oat", name: "Oat milk", priceDeltaCents: 60, isDefault: false, flag: "Non-dairy" },
      ]),
    ).toEqual([
      { name: "Small (8 oz)", group: "Size", nonDefault: false, flag: null },
      { name: "Oat milk", group: "Milk", nonDefault: true, flag: "Non-dairy" },
    ]);
  });

  it("still renders rows written before isDefault and flag were recorded, and plain names", () => {
    expect(kdsOptions([{ groupId: "milk", group: "Milk", modifierId: "milk-oat", name: "Oat milk", priceDeltaCents: 60 }, "Extra hot"])).toEqual([
      { name: "Oat milk", group: "Milk", nonDefault: false, flag: null },
      { name: "Extra hot", group: null, nonDefault: false, flag: null },
    ]);
  });

  it("skips what it cannot read instead of failing the whole board", () => {
    expect(kdsOptions(null)).toEqual([]);
    expect(kdsOptions({ name: "x" })).toEqual([]);
    expect(kdsOptions([null, 3, { name: 4 }, { name: "Vanilla", group: 7, flag: ["x"] }])).toEqual([
      { name: "Vanilla", group: null, nonDefault: false, flag: null },
    ]);
  });
});
