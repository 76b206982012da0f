// The menu a new Brewline cafe starts with. Prices in cents. Managers edit it later;
// the seed only runs on an empty menu.

// dietaryFlag: the warning badge baristas see on the ticket (allergens, non-dairy, decaf).
type GroupSeed = {
  id: string;
  name: string;
  minSelect: number;
  maxSelect: number;
  modifiers: [id: string, name: string, priceDeltaCents: number, isDefault?: boolean, dietaryFlag?: string][];
};
// image: an illustration shipped under public/menu (one per drink family), so the menu
// never waits on, or leaks the customer to, another site.
type ItemSeed = { id: string; name: string; description: string; basePriceCents: number; groups: string[]; image: string };
// station: where the kitchen makes the category's drinks (each station has its own screen).
type CategorySeed = { id: string; name: string; station: string | null; items: ItemSeed[] };

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
      ["milk-oat", "Oat milk", 60, false, "Non-dairy"],
      ["milk-almond", "Almond milk", 60, false, "Non-dairy, tree nut"],
      ["milk-soy", "Soy milk", 50, false, "Non-dairy"],
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
      ["syrup-hazelnut", "Hazelnut syrup", 50, false, "Tree nut"],
      ["syrup-sf-vanilla", "Sugar-free vanilla syrup", 50, false, "Sugar-free"],
    ],
  },
  {
    // Optional: leaving it out means the barista's usual temperature.
    id: "temperature",
    name: "Temperature",
    minSelect: 0,
    maxSelect: 1,
    modifiers: [
      ["temp-extra-hot", "Extra hot", 0],
      ["temp-warm", "Warm (kids' temperature)", 0],
    ],
  },
  {
    id: "shots",
    name: "Extra shot",
    minSelect: 0,
    maxSelect: 2,
    modifiers: [
      ["shot-extra", "Extra espresso shot", 80],
      ["shot-decaf", "Make it decaf", 0, false, "Decaf"],
    ],
  },
];

const milkDrink = ["size", "milk", "syrup", "temperature", "shots"];
const icedMilkDrink = ["size", "milk", "syrup", "shots"];
const blackDrink = ["size", "syrup", "temperature", "shots"];

export const categories: CategorySeed[] = [
  {
    id: "espresso",
    name: "Espresso bar",
    station: "Espresso bar",
    items: [
      { id: "espresso", name: "Espresso", description: "A double shot of our house blend: dark chocolate, cherry, brown sugar.", basePriceCents: 280, groups: ["shots"], image: "/menu/espresso.svg" },
      { id: "americano", name: "Americano", description: "Double espresso topped with hot water: long, clean and bold.", basePriceCents: 320, groups: blackDrink, image: "/menu/americano.svg" },
      { id: "flat-white", name: "Flat white", description: "Double ristretto with a thin layer of velvety microfoam.", basePriceCents: 390, groups: ["milk", "temperature", "shots"], image: "/menu/latte.svg" },
      { id: "cappuccino", name: "Cappuccino", description: "Espresso, steamed milk and a deep cap of foam, dusted with cocoa.", basePriceCents: 380, groups: milkDrink, image: "/menu/cappuccino.svg" },
      { id: "latte", name: "Caffè latte", description: "Espresso with plenty of silky steamed milk and a latte-art heart.", basePriceCents: 400, groups: milkDrink, image: "/menu/latte.svg" },
      { id: "mocha", name: "Mocha", description: "Espresso, dark chocolate and steamed milk, finished with cream.", basePriceCents: 450, groups: milkDrink, image: "/menu/mocha.svg" },
      { id: "cortado", name: "Cortado", description: "Equal parts espresso and warm milk, served in a glass.", basePriceCents: 350, groups: ["milk", "temperature", "shots"], image: "/menu/cortado.svg" },
    ],
  },
  {
    id: "brewed",
    name: "Brewed & cold",
    station: "Brew bar",
    items: [
      { id: "filter", name: "Filter coffee", description: "Today's single origin, batch brewed. Ask us where it's from.", basePriceCents: 280, groups: ["size"], image: "/menu/americano.svg" },
      { id: "cold-brew", name: "Cold brew", description: "Steeped for 18 hours, served over ice. Smooth and low in acidity.", basePriceCents: 420, groups: ["size", "syrup"], image: "/menu/iced.svg" },
      { id: "iced-latte", name: "Iced latte", description: "Espresso and cold milk over ice.", basePriceCents: 430, groups: icedMilkDrink, image: "/menu/iced.svg" },
    ],
  },
  {
    id: "not-coffee",
    name: "Not coffee",
    station: "Espresso bar",
    items: [
      { id: "chai-latte", name: "Chai latte", description: "Black tea with cinnamon, cardamom and ginger, and steamed milk.", basePriceCents: 400, groups: ["size", "milk", "syrup", "temperature"], image: "/menu/chai.svg" },
      { id: "hot-chocolate", name: "Hot chocolate", description: "Single-origin chocolate melted into steamed milk.", basePriceCents: 380, groups: ["size", "milk", "syrup", "temperature"], image: "/menu/mocha.svg" },
      { id: "tea", name: "Pot of tea", description: "English breakfast, Earl Grey, green or peppermint: ask at pickup.", basePriceCents: 300, groups: [], image: "/menu/tea.svg" },
    ],
  },
];
