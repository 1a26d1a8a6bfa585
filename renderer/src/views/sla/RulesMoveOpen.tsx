// Saving a holiday or new targets can also move the tickets already waiting onto the new version, so
// none stays due on a day just closed. Before saving, the lead sees how many open tickets would move
// and their new due times (rules.previewSla); moving is a choice, made per save.
import { useId, useState } from 'react';
import type { ApiErrorShape } from '../../../../shared/contract';
import type { SlaRules, SlaRulesPreview } from '../../../../shared/sla';
import { ErrorNote } from '../../components/ErrorNote';
import { formatFull } from '../../format/time';
import { useLang, useT } from '../../i18n';
import { api } from '../../transport';
import { updateInput, type RulesDraft } from './rulesDraft';
import { useRulesEditor } from './rulesStore';

const SHOWN = 12;

export function RulesMoveOpen({ base, draft, zone }: { base: SlaRules; draft: RulesDraft; zone: string }) {
  const t = useT();
  const lang = useLang();
  const checkboxId = useId();
  const move = useRulesEditor((s) => s.moveOpenTickets);
  const setMove = useRulesEditor((s) => s.setMoveOpenTickets);
  const input = { ...updateInput(draft, base.version), note: '' };
  const key = JSON.stringify(input);
  const [preview, setPreview] = useState<{ key: string; value: SlaRulesPreview } | null>(null);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [loading, setLoading] = useState(false);
  const stale = preview !== null && preview.key !== key;

  async function load() {
    setLoading(true);
    setError(null);
    const result = await api['rules.previewSla'](input);
    setLoading(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setPreview({ key, value: result.value });
  }

  const value = preview?.value;
  return (
    <div className="rules-move" data-testid="rules-move">
      <div className="rules-move-choice">
        <input id={checkboxId} type="checkbox" checked={move} onChange={(e) => setMove(e.target.checked)} />
        <label htmlFor={checkboxId}>{t('slaRules.move.label')}</label>
        <button type="button" onClick={() => void load()} disabled={loading}>
          {loading
            ? t('slaRules.move.loading')
            : stale || !value
              ? t('slaRules.move.preview')
              : t('slaRules.move.again')}
        </button>
      </div>
      <p className="muted small">{t('slaRules.move.hint')}</p>
      {error && <ErrorNote error={error} compact context={t('slaRules.move.failed')} />}
      {value && (
        <div className={stale ? 'rules-move-result stale' : 'rules-move-result'} role="status">
          <p>
            {t('slaRules.move.summary', { open: value.openTickets, changed: value.moves.length })}
            {stale && <span className="muted"> {t('slaRules.move.stale')}</span>}
          </p>
          {value.moves.length > 0 && (
            <table className="rules-move-table">
              <thead>
                <tr>
                  <th scope="col">{t('slaRules.move.ticket')}</th>
                  <th scope="col">{t('slaRules.move.dueNow')}</th>
                  <th scope="col">{t('slaRules.move.dueNew')}</th>
                </tr>
              </thead>
              <tbody>
                {value.moves.slice(0, SHOWN).map((m) => (
                  <tr key={m.ticketId}>
                    <td>
                      #{m.ticketId} · {m.subject} <span className="muted">({t(`channel.${m.channel}`)})</span>
                    </td>
                    <td>{m.dueAt === null ? '—' : formatFull(m.dueAt, zone, lang)}</td>
                    <td>{m.newDueAt === null ? '—' : formatFull(m.newDueAt, zone, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {value.moves.length > SHOWN && (
            <p className="muted small">{t('slaRules.move.more', { n: value.moves.length - SHOWN })}</p>
          )}
        </div>
      )}
    </div>
  );
}
