import { getConfig } from "../../../../lib/config.ts";
import {
  limitUnsubscribeRate,
  ONE_CLICK_WORDING,
  PAGE_BUTTON_WORDING,
  UNKNOWN_UNSUBSCRIBE_LINK_MESSAGE,
  unsubscribeByToken,
} from "../../../../lib/consent/unsubscribe-by-token.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { AppError } from "../../../../lib/errors.ts";
import { clientIp } from "../../../../lib/http/client-ip.ts";
import { handleRoute, jsonResponse } from "../../../../lib/http/handle-route.ts";
import { MAX_UNSUBSCRIBE_BODY_BYTES, readUnsubscribeForm, unsubscribeFormSchema, unsubscribeParamsSchema } from "./schema.ts";

export const dynamic = "force-dynamic";

// An email's List-Unsubscribe address (RFC 8058). Public on purpose: mail providers POST
// from their own servers, with no cookie and no Origin, so the random token in the URL is
// the whole credential (no cross-site check could apply). Junk tokens never reach the
// database; every POST counts against its address's rate limit.

type Context = { params: Promise<{ token: string }> };

async function tokenOf(context: Context): Promise<string> {
  const parsed = unsubscribeParamsSchema.safeParse(await context.params);
  if (!parsed.success) throw new AppError("NOT_FOUND", UNKNOWN_UNSUBSCRIBE_LINK_MESSAGE);
  return parsed.data.token;
}

/** A relative Location: the token is base64url (checked), and no proxy's idea of our host is involved. */
const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });

/**
 * One-click unsubscribe: 200 `{ unsubscribed: true, message }` (also when it already
 * was), 404 for an unknown token, 400 without `List-Unsubscribe=One-Click`, 429 when the
 * address sent too many. The page's form (`via=page`) is sent back to the page instead.
 */
export const POST = handleRoute(
  async (request, context: Context) => {
    const token = await tokenOf(context);
    const prisma = getPrisma();
    await limitUnsubscribeRate({ prisma, clientIp: clientIp(request.headers, getConfig().TRUSTED_PROXY_HOPS) });
    const form = unsubscribeFormSchema.parse(await readUnsubscribeForm(request));
    const fromPage = form.via === "page";
    const { changed } = await unsubscribeByToken({ prisma, token, wording: fromPage ? PAGE_BUTTON_WORDING : ONE_CLICK_WORDING });
    if (fromPage) return seeOther(`/unsubscribe/${token}`);
    return jsonResponse({
      unsubscribed: true,
      message: changed ? "Unsubscribed: this address will get no more emails from us." : "This address was already unsubscribed.",
    });
  },
  { maxBodyBytes: MAX_UNSUBSCRIBE_BODY_BYTES },
);

/** A link scanner or a person opening the header's URL: never unsubscribes, only shows the page and its button. */
export const GET = handleRoute(async (_request, context: Context) => seeOther(`/unsubscribe/${await tokenOf(context)}`));
