// The menu a new Brewline cafe starts with. Prices in cents. Managers edit it later;
// the seed only runs on an empty menu.

type GroupSeed = { id: string; name: string; minSelect: number; maxSelect: number; modifiers: [id: string, name: string, priceDeltaCents: number, isDefault?: boolean][] };
type ItemSeed = { id: string; name: string; description: string; basePriceCents: number; groups: string[] };
type CategorySeed = { id: string; name: string; items: ItemSeed[] };

export const modifierGroups: GroupSeed[] = [
  {
    id: "size",
    name: "Size",
    minSelect: 1,
    maxSelect: 1,
    modifiers: [
      ["size-small", "Small (8 oz)", 0, true],
      ["size-medium", "Medium (12 oz)", 50],
      ["size-large", "Large (16 oz)", 90],
    ],
  },
  {
    id: "milk",
    name: "Milk",
    minSelect: 1,
    maxSelect: 1,
    modifiers: [
      ["milk-whole", "Whole milk", 0, true],
      ["milk-skim", "Skim milk", 0],
      ["milk-oat", "Oat milk", 60],
      ["milk-almond", "Almond milk", 60],
      ["milk-soy", "Soy milk", 50],
    ],
  },
  {
    id: "syrup",
    name: "Syrup",
    minSelect: 0,
    maxSelect: 3,
    modifiers: [
      ["syrup-vanilla", "Vanilla syrup", 50],
      ["syrup-caramel", "Caramel syrup", 50],
      ["syrup-hazelnut", "Hazelnut syrup", 50],
      ["syrup-sf-vanilla", "Sugar-free vanilla syrup", 50],
    ],
  },
  {
    id: "shots",
    name: "Extra shot",
    minSelect: 0,
    maxSelect: 2,
    modifiers: [
      ["shot-extra", "Extra espresso shot", 80],
      ["shot-decaf", "Make it decaf", 0],
    ],
  },
];

const milkDrink = ["size", "milk", "syrup", "shots"];
const blackDrink = ["size", "syrup", "shots"];

export const categories: CategorySeed[] = [
  {
    id: "espresso",
    name: "Espresso bar",
    items: [
      { id: "espresso", name: "Espresso", description: "A double shot of our house blend: dark chocolate, cherry, brown sugar.", basePriceCents: 280, groups: ["shots"] },
      { id: "americano", name: "Americano", description: "Double espresso topped with hot water.", basePriceCents: 320, groups: blackDrink },
      { id: "flat-white", name: "Flat white", description: "Double ristretto with a thin layer of velvety milk.", basePriceCents: 390, groups: ["milk", "shots"] },
      { id: "cappuccino", name: "Cappuccino", description: "Espresso, steamed milk and a deep cap of foam.", basePriceCents: 380, groups: milkDrink },
      { id: "latte", name: "Caffè latte", description: "Espresso with plenty of silky steamed milk.", basePriceCents: 400, groups: milkDrink },
      { id: "mocha", name: "Mocha", description: "Espresso, dark chocolate and steamed milk.", basePriceCents: 450, groups: milkDrink },
      { id: "cortado", name: "Cortado", description: "Equal parts espresso and warm milk.", basePriceCents: 350, groups: ["milk", "shots"] },
    ],
  },
  {
    id: "brewed",
    name: "Brewed & cold",
    items: [
      { id: "filter", name: "Filter coffee", description: "Today's single origin, batch brewed.", basePriceCents: 280, groups: ["size"] },
      { id: "cold-brew", name: "Cold brew", description: "Steeped for 18 hours, served over ice.", basePriceCents: 420, groups: ["size", "syrup"] },
      { id: "iced-latte", name: "Iced latte", description: "Espresso and cold milk over ice.", basePriceCents: 430, groups: milkDrink },
    ],
  },
  {
    id: "not-coffee",
    name: "Not coffee",
    items: [
      { id: "chai-latte", name: "Chai latte", description: "Spiced black tea with steamed milk.", basePriceCents: 400, groups: ["size", "milk", "syrup"] },
      { id: "hot-chocolate", name: "Hot chocolate", description: "Single-origin chocolate and steamed milk.", basePriceCents: 380, groups: ["size", "milk", "syrup"] },
      { id: "tea", name: "Pot of tea", description: "English breakfast, Earl Grey, green or peppermint: ask at pickup.", basePriceCents: 300, groups: [] },
    ],
  },
];
