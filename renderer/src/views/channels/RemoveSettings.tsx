// "Remove…" for a channel's stored settings (SMTP, IMAP): the lead confirms in a dialog that says
// what goes and what stays; the core refuses with a typed error (nothing set up, changed since).
import { useState } from 'react';
import type { ApiErrorShape } from '../../../../shared/contract';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';

interface RemoveSettingsProps {
  /** The dialog's question, e.g. "Remove the SMTP settings?" */
  title: string;
  /** What goes and what stays. */
  consequence: string;
  /** Calls the core; resolves to its error, or null once removed. */
  remove(): Promise<ApiErrorShape | null>;
  onRemoved(): void;
}

export function RemoveSettings({ title, consequence, remove, onRemoved }: RemoveSettingsProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const failed = await remove();
    setBusy(false);
    if (failed) return setError(failed);
    setOpen(false);
    onRemoved();
  }

  return (
    <>
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        {t('channels.remove.button')}
      </button>
      {open && (
        <Dialog title={title} onClose={() => setOpen(false)} description={consequence}>
          {error && <ErrorNote error={error} context={t('channels.remove.notRemoved')} />}
          <p className="popover-actions">
            <button type="button" onClick={() => setOpen(false)} data-autofocus>
              {t('action.cancel')}
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
              {busy ? t('channels.remove.removing') : t('channels.remove.confirm')}
            </button>
          </p>
        </Dialog>
      )}
    </>
  );
}
