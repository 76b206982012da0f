// What the sign-in page tells staff who opened it at an address whose sign-in will be
// refused (better-auth answers 403 "Invalid origin", which says nothing on screen).
// Plain data, no Node imports: the page computes it on the server and the form again in
// the browser when the sign-in request itself is refused. The addresses are the shop's
// own and the reader is staff, so they are shown; nothing else from the config is.

export type ShopOrigins = {
  /** PUBLIC_BASE_URL's origin. */
  shop: string;
  /** Every origin staff sign-in accepts (lib/http/allowed-origins.ts), shop first. */
  accepted: readonly string[];
  /** Whether this machine's own addresses are accepted (STAFF_ORIGINS_INCLUDE_LAN). */
  lan: boolean;
};

export type OriginAdvice = {
  /** The refused origin. */
  origin: string;
  /** Why, one sentence. */
  reason: string;
  /** Sign-in pages that will accept this sign-in and that this device can reach; may be empty. */
  openAt: string[];
  /** What whoever runs Brewline can change, starting "ask whoever runs Brewline…". */
  ask: string;
};

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function hostOf(origin: string): string {
  return URL.canParse(origin) ? new URL(origin).hostname : "";
}

/** Whether an origin names this very device (localhost, 127.x.x.x, [::1]). */
export const isLoopbackOrigin = (origin: string) => LOOPBACK_HOST.test(hostOf(origin));

const isIpv6Origin = (origin: string) => hostOf(origin).startsWith("[");

/**
 * The explanation for a page opened at `origin`. Suggested addresses leave out the
 * refused one, and loopback ones when the page is not on loopback: the tablet's
 * "localhost" is the tablet. IPv6 ones only when there is nothing else to offer.
 */
export function originAdvice(origin: string, shop: ShopOrigins): OriginAdvice {
  const here = isLoopbackOrigin(origin);
  const reachable = shop.accepted.filter((o) => o !== origin && (here || !isLoopbackOrigin(o)));
  const preferred = reachable.filter((o) => !isIpv6Origin(o));
  const openAt = (preferred.length > 0 ? preferred : reachable).map((o) => `${o}/sign-in`);
  if (!shop.lan) {
    const onlyThere = !here && isLoopbackOrigin(shop.shop) ? ", which opens only on the machine running Brewline" : "";
    return {
      origin,
      reason: `Staff sign-in is not accepted at ${origin}: this shop's address is set to ${shop.shop} (PUBLIC_BASE_URL)${onlyThere}.`,
      openAt,
      ask: `ask whoever runs Brewline to set PUBLIC_BASE_URL=${origin} (or, with npm start, to leave it unset so that the machine's own addresses are accepted) and restart it.`,
    };
  }
  return {
    origin,
    reason: `Staff sign-in is not accepted at ${origin}: this shop accepts it only at the addresses of the machine running Brewline.`,
    openAt,
    ask: `ask whoever runs Brewline to set PUBLIC_BASE_URL=${origin} and restart it.`,
  };
}

/** `ask` as its own sentence (capitalised) when there is nowhere to open instead. */
export const askSentence = (advice: OriginAdvice) => (advice.openAt.length > 0 ? advice.ask : `${advice.ask[0]!.toUpperCase()}${advice.ask.slice(1)}`);

/** The advice as one paragraph of text (as the sign-in form shows it, without the links). */
export function adviceText(advice: OriginAdvice): string {
  const next = advice.openAt.length > 0 ? `Open ${advice.openAt.join(" or ")}, or ${advice.ask}` : askSentence(advice);
  return `${advice.reason} ${next}`;
}
