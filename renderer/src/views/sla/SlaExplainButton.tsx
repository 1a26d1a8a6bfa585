// "Why this due time?": a compact button in the ticket header that opens the ticket's SLA
// explanation. The dialog is put on the body (the header line is a paragraph, which cannot hold it)
// and focus returns to the button when it closes.
import { lazy, Suspense, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n';

const ExplainDialog = lazy(() => import('./ExplainDialog').then((m) => ({ default: m.ExplainDialog })));

export function SlaExplainButton({ ticketId }: { ticketId: number }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="small-button explain-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        {t('slaExplain.button')}
      </button>
      {open &&
        createPortal(
          <Suspense fallback={null}>
            <ExplainDialog
              ticketId={ticketId}
              onClose={() => {
                setOpen(false);
                window.requestAnimationFrame(() => button.current?.focus());
              }}
            />
          </Suspense>,
          document.body,
        )}
    </>
  );
}
