// The reply composer. Before the agent writes, it shows what the reply will cost and trigger, as
// the rules engine decides it now (messages.preview): which quota message it is, who is e-mailed.
// When the rules refuse the reply it is disabled with the reason, the words the customer should get
// instead, and the one way left to send them: an e-mail notice to the account address.
// Drafts live in a store: a failed send, switching tickets or a reload loses nothing.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiErrorShape, TicketDetail } from '../../../shared/contract';
import type { Decision } from '../../../shared/domain';
import { DecisionView } from '../components/DecisionView';
import { ErrorNote } from '../components/ErrorNote';
import { useLang, useT } from '../i18n';
import { reasonText } from '../i18n/reasons';
import { pending, shortcutTargets } from '../keyboard/targets';
import { useChannelClocks } from '../state/clock';
import { draftKey, useDrafts } from '../state/drafts';
import { useDataChanged } from '../state/live';
import { useQueueData } from '../state/queueData';
import { useResource } from '../state/resource';
import { api } from '../transport';
import { usePlanName } from '../state/rules';

type ComposeKind = 'answer' | 'internal_note';

export function Composer({ detail, zone, now }: { detail: TicketDetail; zone: string; now: number }) {
  const t = useT();
  const planName = usePlanName();
  const lang = useLang();
  const { ticket, customer } = detail;
  // Who an answer is e-mailed to: the account, or (no customer yet) the address the mail came from.
  const mailTo = customer?.accountEmail ?? ticket.sender?.email ?? '';
  const [kind, setKind] = useState<ComposeKind>('answer');
  const key = draftKey(ticket.id, kind);
  const text = useDrafts((s) => s.drafts[key] ?? '');
  const setDraft = useDrafts((s) => s.set);
  const clearDraft = useDrafts((s) => s.clear);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<ApiErrorShape | null>(null);
  const [status, setStatus] = useState('');
  const [ruleDraft, setRuleDraft] = useState<{ body: string; decision: Decision } | null>(null);
  const [ruleError, setRuleError] = useState<ApiErrorShape | null>(null);
  const [drafting, setDrafting] = useState(false);
  const [noticeSending, setNoticeSending] = useState(false);
  const [noticeError, setNoticeError] = useState<ApiErrorShape | null>(null);
  const ingestDecision = useChannelClocks((s) => s.ingestDecision);

  const preview = useResource(`preview:${ticket.id}:${kind}`, () =>
    api['messages.preview']({ ticketId: ticket.id, kind }),
  );
  useDataChanged(
    (change) =>
      change.ticketIds.includes(ticket.id) ||
      (customer !== null && change.customerIds.includes(customer.id)) ||
      (change.ticketIds.length === 0 && change.customerIds.length === 0),
    preview.reload,
  );
  const decision = preview.data;
  useEffect(() => {
    // A preview is decided now, so its calendar is current: the queue's countdowns use it too.
    if (decision) ingestDecision(ticket.channel, decision);
  }, [decision, ingestDecision, ticket.channel]);

  // Switching tickets starts fresh: statuses and errors belonged to the previous one.
  useEffect(() => {
    setSendError(null);
    setStatus('');
    setRuleDraft(null);
    setRuleError(null);
    setNoticeError(null);
  }, [ticket.id]);

  const refused = decision?.outcome === 'refuse';
  const blocked = refused && kind === 'answer';
  // When the reply itself is refused the ready text is already on screen; otherwise a refused or
  // not-entitled item is answered from its rule.
  const canRuleDraft = !blocked && (ticket.intakeOutcome === 'refuse' || ticket.flags.notEntitled);
  // A refused reply has nothing to type into, unless a draft written earlier must stay visible.
  const showTextarea = !blocked || text !== '';

  const readyText = useRef<HTMLPreElement>(null);
  const focusKind = useCallback((next: ComposeKind) => {
    setKind(next);
    // The text area, or (when the rules refuse the reply) the ready text to give instead.
    window.requestAnimationFrame(() => (textarea.current ?? readyText.current)?.focus());
  }, []);
  useEffect(() => {
    shortcutTargets.composer = { focus: focusKind };
    // r or n pressed on a queue row opened this ticket: the composer they asked for gets focus.
    if (pending.composerKind) {
      focusKind(pending.composerKind);
      pending.composerKind = null;
    }
    return () => {
      shortcutTargets.composer = null;
    };
  }, [focusKind]);

  const fetchRuleDraft = useCallback(async () => {
    setDrafting(true);
    setRuleError(null);
    // Drafted in the agent's language: the agent reads and edits it before it goes out.
    const result = await api['messages.draftFromRule']({ ticketId: ticket.id, locale: lang });
    setDrafting(false);
    if (!result.ok) {
      setRuleError(result.error);
      return null;
    }
    setRuleDraft(result.value);
    return result.value;
  }, [ticket.id, lang]);

  // When the rules refuse the reply, the ready text to use instead is fetched at once.
  useEffect(() => {
    if (refused && kind === 'answer') void fetchRuleDraft();
  }, [refused, kind, fetchRuleDraft]);

  async function answerWithRule() {
    const drafted = await fetchRuleDraft();
    if (!drafted) return;
    setKind('answer');
    setDraft(draftKey(ticket.id, 'answer'), drafted.body);
    setStatus(t('composer.ruleDrafted'));
    window.requestAnimationFrame(() => textarea.current?.focus());
  }

  // No channel can carry a reply here, so the notice goes by e-mail (and is noted in the thread).
  async function emailNotice() {
    if (noticeSending) return;
    setNoticeSending(true);
    setNoticeError(null);
    const result = await api['messages.sendRuleNotice']({ ticketId: ticket.id, locale: lang });
    setNoticeSending(false);
    if (!result.ok) {
      setNoticeError(result.error);
      return;
    }
    setStatus(t('composer.noticeSent', { email: result.value.toEmail }));
  }

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const body = text.trim();
    if (body === '' || sending || refused) return;
    setSending(true);
    setSendError(null);
    setStatus('');
    const result = await api['messages.add']({ ticketId: ticket.id, kind, body });
    setSending(false);
    if (!result.ok) {
      // The draft stays exactly as typed; only the error is new.
      setSendError(result.error);
      textarea.current?.focus();
      return;
    }
    clearDraft(key);
    useQueueData.getState().patchTicket(result.value.ticket);
    const quota = result.value.decision.quota;
    setStatus(
      kind === 'internal_note'
        ? t('composer.noteAdded')
        : quota?.counts
          ? t('composer.sentQuota', { n: quota.after.used, limit: quota.after.limit })
          : t('composer.sent'),
    );
    preview.reload();
    textarea.current?.focus();
  }

  const emailed =
    decision !== null &&
    decision !== undefined &&
    kind === 'answer' &&
    decision.outcome === 'accept' &&
    (ticket.channel === 'email' || decision.reason.params.emailedTo !== undefined);

  return (
    <form className="composer" onSubmit={(e) => void send(e)} aria-labelledby="composer-title">
      <div className="composer-head">
        <h3 id="composer-title" className="visually-hidden">
          {t('composer.title')}
        </h3>
        <div className="segmented" role="group" aria-label={t('composer.kind')}>
          <button
            type="button"
            aria-pressed={kind === 'answer'}
            onClick={() => focusKind('answer')}
            aria-keyshortcuts="r"
          >
            {t('composer.reply')}
          </button>
          <button
            type="button"
            aria-pressed={kind === 'internal_note'}
            onClick={() => focusKind('internal_note')}
            aria-keyshortcuts="n"
          >
            {t('composer.note')}
          </button>
        </div>
        {canRuleDraft && (
          <button type="button" onClick={() => void answerWithRule()} disabled={drafting}>
            {text.trim() !== '' && kind === 'answer'
              ? t('composer.replaceWithRule')
              : t('composer.answerWithRule')}
          </button>
        )}
      </div>

      <div className="composer-preview" aria-live="polite" id={`composer-preview-${kind}`}>
        {preview.error && <ErrorNote error={preview.error} onRetry={preview.reload} compact />}
        {!decision && !preview.error && <p className="muted small">{t('composer.checking')}</p>}
        {decision && kind === 'internal_note' && (
          <p className="preview-line">{t('composer.noteNeverCounts')}</p>
        )}
        {decision && kind === 'answer' && !refused && customer === null && (
          // The core's reason already says where the answer goes and that no quota counts it.
          <p className="preview-line" data-preview="unknown-customer">
            {reasonText(decision.reason, lang, { decision, now })}
          </p>
        )}
        {decision && kind === 'answer' && !refused && customer !== null && (
          <>
            <p className="preview-line" data-preview="quota">
              {decision.quota?.counts
                ? t('composer.quotaMessage', {
                    n: decision.quota.after.used,
                    limit: decision.quota.after.limit,
                    plan: planName(customer.planId),
                  })
                : decision.quota
                  ? t('composer.quotaNotCounted', {
                      plan: planName(customer.planId),
                      used: decision.quota.before.used,
                      limit: decision.quota.before.limit,
                    })
                  : t('composer.noQuota', { plan: planName(customer.planId) })}
            </p>
            {emailed && (
              <p className="preview-line" data-preview="email">
                {t('composer.emailed', { email: mailTo })}
              </p>
            )}
            <p className="muted small">{reasonText(decision.reason, lang, { decision, now })}</p>
          </>
        )}
        {decision && kind === 'answer' && refused && (
          <div className="composer-refused" data-preview="refused">
            <p className="preview-line refused-line">{t('composer.refused')}</p>
            <DecisionView decision={decision} channel={ticket.channel} zone={zone} now={now} />
          </div>
        )}
      </div>

      {ruleDraft && kind === 'answer' && refused && (
        <div className="ready-text" data-ready="notice">
          <p className="muted small">{t('composer.answerRefusedText')}</p>
          <pre
            ref={readyText}
            className="ready-body"
            tabIndex={0}
            aria-label={t('composer.answerRefusedText')}
          >
            {ruleDraft.body}
          </pre>
          <button type="button" onClick={() => void emailNotice()} disabled={noticeSending}>
            {noticeSending ? t('composer.emailingNotice') : t('composer.emailNotice', { email: mailTo })}
          </button>
        </div>
      )}
      {noticeError && <ErrorNote error={noticeError} compact context={t('composer.noticeNotSent')} />}
      {ruleError && <ErrorNote error={ruleError} compact context={t('composer.ruleDraftFailed')} />}

      {showTextarea && (
        <>
          <label className="visually-hidden" htmlFor="composer-text">
            {kind === 'answer' ? t('composer.replyLabel') : t('composer.noteLabel')}
          </label>
          <textarea
            id="composer-text"
            ref={textarea}
            className={kind === 'internal_note' ? 'composer-text note' : 'composer-text'}
            value={text}
            // Read-only rather than disabled when refused: it keeps focus and the draft stays visible.
            readOnly={blocked}
            aria-disabled={blocked || undefined}
            aria-describedby={`composer-preview-${kind}`}
            placeholder={kind === 'answer' ? t('composer.replyPlaceholder') : t('composer.notePlaceholder')}
            rows={5}
            onChange={(e) => setDraft(key, e.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void send();
              } else if (event.key === 'Escape') {
                event.preventDefault();
                document.getElementById('ticket-title')?.focus();
              }
            }}
          />
        </>
      )}
      {sendError && (
        <ErrorNote
          error={sendError}
          onRetry={() => void send()}
          context={kind === 'answer' ? t('composer.notSent') : t('composer.noteNotAdded')}
        />
      )}
      <div className="composer-actions">
        <span className="composer-status" role="status">
          {status}
        </span>
        <span className="muted small">{t('composer.sendHint')}</span>
        <button
          type="submit"
          className="primary"
          disabled={
            sending || text.trim() === '' || (refused && kind === 'answer') || (!decision && !preview.error)
          }
        >
          {sending
            ? t('composer.sending')
            : kind === 'answer'
              ? t('composer.sendReply')
              : t('composer.addNote')}
        </button>
      </div>
    </form>
  );
}
