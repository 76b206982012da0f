import Link from "next/link";
import { KEY_LEGEND } from "./kds-keys.ts";
import { Modal } from "./modal.tsx";

const Key = ({ children }: { children: string }) =>
  children === "…" ? (
    <span aria-hidden="true">…</span>
  ) : (
    <kbd className="inline-grid min-w-7 place-items-center rounded-md border border-line bg-surface-2 px-1.5 font-sans text-sm font-semibold text-ink">{children}</kbd>
  );

/** Always on screen: a new barista learns the bump keys without asking. */
export function KeyLegendBar() {
  return (
    <section aria-label="Keyboard shortcuts" className="border-t border-line bg-surface px-4 py-1.5 text-sm text-muted">
      <ul className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {KEY_LEGEND.map((k) => (
          <li key={k.short} className="flex items-center gap-1">
            {k.keys.map((key) => (
              <Key key={key}>{key}</Key>
            ))}
            <span className="ml-0.5">{k.short}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard and bump bar" description="Works whenever no dialog is open and you are not typing." onClose={onClose} testId="kds-help-dialog">
      <table className="w-full text-left text-lg">
        <thead className="sr-only">
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {KEY_LEGEND.map((k) => (
            <tr key={k.short}>
              <td className="whitespace-nowrap py-2.5 pr-4">
                <span className="flex items-center gap-1">
                  {k.keys.map((key) => (
                    <Key key={key}>{key}</Key>
                  ))}
                </span>
              </td>
              <td className="py-2.5">{k.long}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-4 text-muted">A tap on a ticket selects it too. Dialogs close with Escape.</p>
      <p className="mt-2 text-muted">
        Other screens:{" "}
        <Link href="/board" className="inline-flex min-h-12 items-center font-semibold text-accent underline underline-offset-4">
          order board
        </Link>{" "}
        (for the TV at the pickup counter) and the{" "}
        <Link href="/dashboard" className="inline-flex min-h-12 items-center font-semibold text-accent underline underline-offset-4">
          dashboard
        </Link>
        .
      </p>
    </Modal>
  );
}
