import { describe, expect, it } from "vitest";
import { formatMinorUnits, minorUnitsToDecimal, moneyFormatFor } from "./money-format.ts";

// The hand assembly must write exactly what Intl writes, for every store we promise.
const cases: [currency: string, locale: string][] = [
  ["USD", "en-US"],
  ["EUR", "de-DE"],
  ["EUR", "fr-FR"],
  ["EUR", "en-IE"],
  ["GBP", "en-GB"],
  ["JPY", "ja-JP"],
  ["JPY", "en-US"],
  ["CHF", "de-CH"],
  ["KWD", "ar-KW"],
  ["SEK", "sv-SE"],
];

describe("formatMinorUnits", () => {
  for (const [currency, locale] of cases) {
    it(`writes ${currency} in ${locale} as Intl does`, () => {
      const f = moneyFormatFor(currency, locale);
      const intl = new Intl.NumberFormat(locale, { style: "currency", currency });
      for (const minor of [0, 5, 99, 450, 1_000, 123_456, 98_765_432]) {
        expect(formatMinorUnits(minor, f)).toBe(intl.format(minor / 10 ** f.digits));
      }
    });
  }

  it("knows yen have no minor unit and dinars three", () => {
    expect(moneyFormatFor("JPY", "ja-JP").digits).toBe(0);
    expect(moneyFormatFor("KWD", "en-US").digits).toBe(3);
    expect(formatMinorUnits(450, moneyFormatFor("JPY", "ja-JP"))).toBe("￥450");
    expect(formatMinorUnits(450, moneyFormatFor("USD", "en-US"))).toBe("$4.50");
  });

  it("puts the sign first", () => {
    expect(formatMinorUnits(-450, moneyFormatFor("USD", "en-US"))).toBe("-$4.50");
  });
});

describe("minorUnitsToDecimal", () => {
  it("writes major units with a dot", () => {
    expect(minorUnitsToDecimal(450, 2)).toBe("4.50");
    expect(minorUnitsToDecimal(5, 2)).toBe("0.05");
    expect(minorUnitsToDecimal(450, 0)).toBe("450");
    expect(minorUnitsToDecimal(-1234, 3)).toBe("-1.234");
  });
});
