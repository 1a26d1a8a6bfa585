// The team's pre-breach window (settings.preBreachMinutes): how many business minutes before its
// deadline a ticket is highlighted in the queue and its assignee notified. 0 switches it off.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiErrorShape } from '../../../../shared/contract';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { api } from '../../transport';

const MAX_MINUTES = 10_000;

export function PreBreachSetting() {
  const t = useT();
  const id = useId();
  const settings = useResource('settings', () => api['settings.get']({}));
  useDataChanged((change) => change.topics.includes('settings'), settings.reload);
  const current = settings.data?.preBreachMinutes;
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (current !== undefined) setValue(String(current));
  }, [current]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    setError(null);
    const minutes = Number(value);
    if (value.trim() === '' || !Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MINUTES) {
      setProblem(t('slaSetting.invalid', { max: MAX_MINUTES }));
      return;
    }
    setProblem(null);
    setSaving(true);
    const result = await api['settings.update']({ preBreachMinutes: minutes });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSaved(minutes === 0 ? t('slaSetting.savedOff') : t('slaSetting.saved', { n: minutes }));
    settings.reload();
  }

  return (
    <form className="sla-setting" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{t('slaSetting.title')}</h2>
      {settings.error && <ErrorNote error={settings.error} onRetry={settings.reload} compact />}
      <div className="sla-setting-line">
        <label htmlFor={`${id}-minutes`}>{t('slaSetting.label')}</label>
        <input
          id={`${id}-minutes`}
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_MINUTES}
          step={1}
          value={value}
          disabled={current === undefined || saving}
          aria-invalid={problem !== null || undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
          onChange={(e) => setValue(e.target.value)}
        />
        <span>{t('slaSetting.unit')}</span>
        <button type="submit" disabled={current === undefined || saving || value === String(current)}>
          {t('slaSetting.save')}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t('slaSetting.hint')}
      </p>
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
      <p className="calm-note" role="status">
        {saved ?? ''}
      </p>
      {error && <ErrorNote error={error} context={t('slaSetting.notSaved')} compact />}
    </form>
  );
}
