// Log an item on a customer's behalf: an e-mail, a chat or a call request (or a topic question or
// blog comment). The rules engine decides it as the agent fills the form (tickets.previewIntake),
// and the decision is on screen before anything is saved.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ApiErrorShape, CustomerSummary } from '../../../shared/contract';
import type { ChannelId, Decision, Priority } from '../../../shared/domain';
import { channelIds, phoneTools, priorities } from '../format/vocabulary';
import { DecisionView } from '../components/DecisionView';
import { Dialog } from '../components/Dialog';
import { ErrorNote } from '../components/ErrorNote';
import { PlanBadge } from '../components/PlanBadge';
import { QuotaInline } from '../components/QuotaMeter';
import { systemZone } from '../format/time';
import { useT } from '../i18n';
import { useNow } from '../state/clock';
import { focusTicketTitle, restoreFocus, useNav } from '../state/nav';
import { useSession } from '../state/session';
import { api } from '../transport';

const toolNames: Record<(typeof phoneTools)[number], string> = { skype: 'Skype', google_meet: 'Google Meet' };
// The channels an agent logs for a customer most, first.
const channelOrder: ChannelId[] = ['email', 'chat', 'phone', 'topic', 'blog_comment'];

export function NewTicketDialog() {
  const t = useT();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const now = useNow();
  const close = useNav((s) => s.closeDialog);
  const returnFocusTo = useNav((s) => s.returnFocusTo);
  const openTicket = useNav((s) => s.openTicket);
  const presetCustomerId = useNav((s) => s.customerId);

  const [customer, setCustomer] = useState<CustomerSummary | null>(null);
  const [channel, setChannel] = useState<ChannelId>('email');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [questions, setQuestions] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [tool, setTool] = useState<string>('skype');
  const [decision, setDecision] = useState<Decision | null>(null);
  const [previewError, setPreviewError] = useState<ApiErrorShape | null>(null);
  const [saveError, setSaveError] = useState<ApiErrorShape | null>(null);
  const [saving, setSaving] = useState(false);
  const seq = useRef(0);

  // A customer already on screen is the likely one.
  useEffect(() => {
    if (presetCustomerId === null) return;
    void api['customers.get']({ id: presetCustomerId }).then((r) => {
      if (r.ok) setCustomer((c) => c ?? r.value.customer);
    });
  }, [presetCustomerId]);

  // Rebuilt only when a call detail changes, so the preview below re-runs only then.
  const callRequest = useMemo(
    () =>
      channel === 'phone'
        ? {
            questions: questions
              .split('\n')
              .map((q) => q.trim())
              .filter((q) => q !== ''),
            contactEmail: contactEmail.trim(),
            tool,
          }
        : undefined,
    [channel, questions, contactEmail, tool],
  );
  const customerId = customer?.id ?? null;

  useEffect(() => {
    if (customerId === null) {
      setDecision(null);
      return;
    }
    const timer = window.setTimeout(() => {
      const mine = ++seq.current;
      void api['tickets.previewIntake']({
        customerId,
        channel,
        ...(callRequest ? { callRequest } : {}),
      }).then((result) => {
        if (mine !== seq.current) return;
        if (result.ok) {
          setDecision(result.value);
          setPreviewError(null);
        } else {
          setPreviewError(result.error);
        }
      });
    }, 150);
    return () => window.clearTimeout(timer);
  }, [customerId, channel, callRequest]);

  function dismiss() {
    close();
    restoreFocus(returnFocusTo, () => document.getElementById('queue-grid'));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!customer || subject.trim() === '' || body.trim() === '') return;
    setSaving(true);
    setSaveError(null);
    const result = await api['tickets.create']({
      customerId: customer.id,
      channel,
      subject: subject.trim(),
      body: body.trim(),
      priority,
      ...(callRequest ? { callRequest } : {}),
    });
    setSaving(false);
    if (!result.ok) {
      setSaveError(result.error);
      return;
    }
    close();
    openTicket(result.value.ticket.ticket.id);
    focusTicketTitle();
  }

  return (
    <Dialog
      title={t('new.title')}
      onClose={dismiss}
      className="new-ticket-dialog"
      description={t('new.intro')}
    >
      <form className="new-ticket" onSubmit={(e) => void submit(e)}>
        <CustomerPicker value={customer} onChange={setCustomer} />
        <div className="form-row">
          <label className="stacked">
            {t('new.channel')}
            <select value={channel} onChange={(e) => setChannel(e.target.value as ChannelId)}>
              {channelOrder
                .filter((c) => channelIds.includes(c))
                .map((c) => (
                  <option key={c} value={c}>
                    {t(`new.channel.${c}`)}
                  </option>
                ))}
            </select>
          </label>
          <label className="stacked">
            {t('new.priority')}
            <select value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
              {priorities.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="stacked">
          {t('new.subject')}
          <input
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            maxLength={200}
            required
            data-autofocus
          />
        </label>
        <label className="stacked">
          {t('new.body')}
          <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={4} required />
        </label>
        {channel === 'phone' && (
          <fieldset className="call-fields">
            <legend>{t('new.callDetails')}</legend>
            <label className="stacked">
              {t('new.questions')}
              <textarea value={questions} onChange={(e) => setQuestions(e.target.value)} rows={3} />
            </label>
            <div className="form-row">
              <label className="stacked">
                {t('new.contactEmail')}
                <input type="email" value={contactEmail} onChange={(e) => setContactEmail(e.target.value)} />
              </label>
              <label className="stacked">
                {t('new.tool')}
                <select value={tool} onChange={(e) => setTool(e.target.value)}>
                  {phoneTools.map((id) => (
                    <option key={id} value={id}>
                      {toolNames[id]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </fieldset>
        )}
        <section className="intake-preview" aria-live="polite" aria-label={t('new.decision')}>
          {!customer && <p className="muted small">{t('new.pickCustomer')}</p>}
          {previewError && <ErrorNote error={previewError} compact />}
          {customer && decision && (
            <DecisionView
              decision={decision}
              channel={channel}
              zone={zone}
              now={now}
              title={t('new.decision')}
              timing={{ kind: 'now' }}
            />
          )}
          {customer && decision?.outcome === 'refuse' && <p className="small">{t('new.refusedNote')}</p>}
        </section>
        {saveError && <ErrorNote error={saveError} context={t('new.notSaved')} />}
        <p className="popover-actions">
          <button type="button" onClick={dismiss}>
            {t('action.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={!customer || saving || subject.trim() === '' || body.trim() === ''}
          >
            {saving ? t('new.saving') : decision?.outcome === 'refuse' ? t('new.saveRefused') : t('new.save')}
          </button>
        </p>
      </form>
    </Dialog>
  );
}

function CustomerPicker({
  value,
  onChange,
}: {
  value: CustomerSummary | null;
  onChange(c: CustomerSummary | null): void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<CustomerSummary[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const inputId = useId();
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const query = text.trim();
    if (query === '') {
      setOptions([]);
      return;
    }
    const timer = window.setTimeout(() => {
      const mine = ++seq.current;
      void api['customers.list']({ search: query, limit: 8 }).then((r) => {
        if (mine !== seq.current || !r.ok) return;
        setOptions(r.value.rows);
        setActive(0);
        setOpen(true);
      });
    }, 200);
    return () => window.clearTimeout(timer);
  }, [text]);

  if (value) {
    return (
      <div className="picked-customer">
        <span className="stacked-label">{t('new.customer')}</span>
        <span className="picked">
          <strong>{value.name}</strong> <span className="muted">{value.accountEmail}</span>{' '}
          <PlanBadge
            planId={value.planId}
            planName={value.planName}
            paid={value.paid}
            express={value.express}
          />
          {value.quota && <QuotaInline quota={value.quota} />}
          <button type="button" className="small-button" onClick={() => onChange(null)}>
            {t('new.changeCustomer')}
          </button>
        </span>
      </div>
    );
  }
  function choose(c: CustomerSummary | undefined) {
    if (!c) return;
    onChange(c);
    setOpen(false);
    setText('');
  }
  return (
    <div className="customer-picker">
      <label className="stacked" htmlFor={inputId}>
        {t('new.customer')}
      </label>
      <input
        ref={input}
        data-autofocus
        id={inputId}
        type="text"
        role="combobox"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        value={text}
        placeholder={t('customers.searchPlaceholder')}
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && options.length > 0) {
            event.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % options.length);
          } else if (event.key === 'ArrowUp' && options.length > 0) {
            event.preventDefault();
            setActive((a) => (a - 1 + options.length) % options.length);
          } else if (event.key === 'Enter' && open && options.length > 0) {
            event.preventDefault();
            choose(options[active]);
          }
        }}
      />
      {open && options.length > 0 && (
        <ul id={listId} role="listbox" aria-label={t('new.customerResults')} className="picker-options">
          {options.map((c, i) => (
            <li
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-hit active' : 'search-hit'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(c)}
            >
              <strong>{c.name}</strong> <span className="muted">{c.accountEmail}</span>{' '}
              <PlanBadge planId={c.planId} planName={c.planName} paid={c.paid} express={c.express} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
