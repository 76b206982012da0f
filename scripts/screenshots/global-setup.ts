import { setUpMainShop } from "../../e2e/global-setup.ts";

// The screenshots are taken in the main e2e shop only (no payments shops are started).
export default setUpMainShop;
