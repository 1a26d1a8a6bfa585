// The SLA targets and holidays editor (issue #6): the lead edits the targets and the channels'
// holidays of the version in force, says why, and saves a new version. The form checks what it can
// (whole minutes, every plan of a channel covered once, real dates, a note); the core validates the
// whole rule set again and is the judge: a refusal lands on the field it names and the draft stays.
import { useEffect, useId, useMemo, useState } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { systemZone } from '../../format/time';
import { useLang, useT } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { api } from '../../transport';
import {
  channelPlans,
  draftDirty,
  placeOf,
  rulesChanged,
  validateDraft,
  type DraftIssue,
  MAX_NOTE,
} from './rulesDraft';
import { RulesHistory } from './RulesHistory';
import { RulesHolidays } from './RulesHolidays';
import { RulesMoveOpen } from './RulesMoveOpen';
import { useRulesEditor } from './rulesStore';
import { fieldId, RulesTargetsTable } from './RulesTargetsTable';
import './slaRules.css';
import { channelName } from '../../i18n/channels';
import { planNamer } from '../../i18n/plans';

export function SlaRulesEditor() {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const editor = useRulesEditor();
  const { base, draft, load } = editor;
  const ids = { targets: useId(), holidays: useId(), save: useId(), history: useId(), note: useId() };
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const versions = useResource('rules.versions', () => api['rules.versions']({}));
  // Where the keyboard goes after a save that did not happen, once that render is on screen.
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  useEffect(() => {
    if (focusTarget === null) return;
    if (focusTarget === SUMMARY) document.getElementById(SUMMARY)?.focus();
    else focusField(focusTarget);
    setFocusTarget(null);
  }, [focusTarget]);

  const meId = useSession((s) => s.me?.id ?? null);
  useEffect(() => {
    useRulesEditor.getState().open(meId);
    void load();
  }, [load, meId]);
  useDataChanged(
    (change) => change.topics.includes('rules'),
    () => {
      void load();
      versions.reload();
    },
  );

  const plansByChannel = useMemo(() => (base ? channelPlans(base) : null), [base]);
  const issues = useMemo<DraftIssue[]>(() => {
    if (!base || !draft || !plansByChannel) return [];
    return validateDraft(draft, {
      plansByChannel,
      planName: planNamer(lang, base.plans),
      channelName: (id) => channelName(t, id),
    });
  }, [base, draft, plansByChannel, lang, t]);

  if (!base || !draft || !plansByChannel) {
    return (
      <div className="rules-editor">
        {editor.loadError ? (
          <ErrorNote error={editor.loadError} onRetry={() => void load()} />
        ) : (
          <p className="muted" role="status">
            {t('slaRules.loading')}
          </p>
        )}
      </div>
    );
  }

  const dirty = draftDirty(draft, base);
  const changed = rulesChanged(draft, base);
  // A missing why matters only once there is something to save.
  const visible = (field: string) =>
    editor.showAllIssues || (touched.has(field) && (field !== 'note' || changed));
  const issuesFor = (field: string) => issues.filter((i) => i.field === field && visible(field));
  const touch = (field: string) =>
    setTouched((previous) => (previous.has(field) ? previous : new Set(previous).add(field)));
  const serverError = editor.saveError;
  const serverPlace = placeOf(serverError?.field);
  const noteIssues = issuesFor('note');
  const formError =
    serverError &&
    (serverPlace.area === 'form' || serverPlace.area === 'note' || serverError.code === 'conflict')
      ? serverError
      : null;

  async function save() {
    const ok = await useRulesEditor.getState().trySave(issues.length > 0);
    if (ok) {
      setTouched(new Set());
      versions.reload();
      return;
    }
    // Take the person to the problems: the checks' summary, else the field the core named.
    const refusal = useRulesEditor.getState().saveError;
    if (issues.length > 0) setFocusTarget(SUMMARY);
    else if (refusal?.field && refusal.code !== 'conflict') setFocusTarget(refusal.field);
  }

  function discard() {
    editor.discard();
    setTouched(new Set());
  }

  return (
    <div className="rules-editor">
      <div className="rules-head">
        <h2>{t('slaRules.title')}</h2>
        <span className="rules-base">
          {t('slaRules.editingFrom', { version: base.version, label: base.label })}
          {base.active && <span className="rules-in-force">{t('slaRules.history.inForce')}</span>}
        </span>
        {dirty && (
          <span className="rules-unsaved" role="status">
            <span aria-hidden="true">● </span>
            {t('slaRules.unsaved')}
          </span>
        )}
      </div>
      <p className="muted small rules-intro">{t('slaRules.intro')}</p>

      {editor.newerVersion !== null && (
        <div className="rules-banner" role="alert">
          <p>{t('slaRules.newer', { version: editor.newerVersion })}</p>
          <button type="button" onClick={() => void load({ replaceDraft: true })}>
            {t('slaRules.loadNewer', { version: editor.newerVersion })}
          </button>
        </div>
      )}

      <section className="rules-section" aria-labelledby={ids.targets}>
        <h3 id={ids.targets}>{t('slaRules.targets.title')}</h3>
        <RulesTargetsTable
          base={base}
          draft={draft}
          plansByChannel={plansByChannel}
          issuesFor={issuesFor}
          touch={touch}
          serverError={serverError}
          serverPlace={serverPlace}
          update={editor.update}
        />
      </section>

      <section className="rules-section" aria-labelledby={ids.holidays}>
        <h3 id={ids.holidays}>{t('slaRules.holidays.title')}</h3>
        <p className="muted small">{t('slaRules.holidays.hint')}</p>
        <RulesHolidays
          base={base}
          draft={draft}
          issuesFor={issuesFor}
          serverError={serverError}
          serverPlace={serverPlace}
          update={editor.update}
        />
      </section>

      <section className="rules-section rules-save" aria-labelledby={ids.save}>
        <h3 id={ids.save}>{t('slaRules.save.title')}</h3>
        <label className="stacked-label" htmlFor={fieldId('note')}>
          {t('slaRules.noteLabel')}
        </label>
        <textarea
          id={fieldId('note')}
          rows={2}
          maxLength={MAX_NOTE}
          value={draft.note}
          required
          aria-required="true"
          aria-invalid={
            noteIssues.length > 0 || (serverPlace.area === 'note' && serverError !== null) || undefined
          }
          aria-describedby={noteIssues.length > 0 ? `${fieldId('note')}-issue ${ids.note}` : ids.note}
          placeholder={t('slaRules.notePlaceholderWhy')}
          onChange={(e) => editor.update((d) => ({ ...d, note: e.target.value }))}
          onBlur={() => touch('note')}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void save();
            }
          }}
        />
        <p id={ids.note} className="muted small">
          {t('slaRules.noteHint')}
        </p>
        {noteIssues[0] && (
          <p id={`${fieldId('note')}-issue`} className="rules-issue">
            {t(noteIssues[0].key, noteIssues[0].params)}
          </p>
        )}

        <RulesMoveOpen base={base} draft={draft} zone={zone} />

        {editor.showAllIssues && issues.length > 0 && (
          <div className="rules-summary" id={SUMMARY} tabIndex={-1} role="alert">
            <p className="error-title">{t('slaRules.fixFirst', { n: issues.length })}</p>
            <ul>
              {issues.map((issue, i) => (
                <li key={i}>
                  <button type="button" className="link-button" onClick={() => focusField(issue.field)}>
                    {where(issue.field, t)}
                    {t(issue.key, issue.params)}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {formError && (
          <div className="rules-form-error">
            <ErrorNote error={formError} context={t('slaRules.notSaved')} />
            {formError.code === 'conflict' && (
              <button type="button" onClick={() => void load({ replaceDraft: true })}>
                {t('slaRules.loadLatest')}
              </button>
            )}
          </div>
        )}
        {editor.savedVersion !== null && (
          <p className="rules-saved" role="status">
            {editor.savedMoved
              ? t('slaRules.move.saved', { version: editor.savedVersion })
              : t('slaRules.saved', { version: editor.savedVersion })}
          </p>
        )}
        <div className="rules-actions">
          <button type="button" className="primary" disabled={editor.saving} onClick={() => void save()}>
            {editor.saving ? t('slaRules.saving') : t('slaRules.save')}
          </button>
          <button type="button" disabled={!dirty || editor.saving} onClick={discard}>
            {t('slaRules.discard')}
          </button>
          <span className="muted small">
            {editor.moveOpenTickets ? t('slaRules.move.saveHint') : t('slaRules.saveHint')}
          </span>
        </div>
      </section>

      <section className="rules-section" aria-labelledby={ids.history}>
        <h3 id={ids.history}>{t('slaRules.history.title')}</h3>
        <RulesHistory versions={versions} zone={zone} />
      </section>
    </div>
  );
}

const SUMMARY = 'rules-issue-summary';

/** "Row 3, first response: "— where a problem is, for the summary list. */
function where(field: string, t: ReturnType<typeof useT>): string {
  const place = placeOf(field);
  switch (place.area) {
    case 'target':
      return t(`slaRules.where.${place.part === 'row' ? 'row' : place.part}`, { row: place.row + 1 });
    case 'targets':
      return t('slaRules.where.targets');
    case 'holiday':
      return t('slaRules.where.holidays');
    case 'note':
      return t('slaRules.where.note');
    case 'form':
      return '';
  }
}

function focusField(field: string) {
  const place = placeOf(field);
  const id =
    place.area === 'target'
      ? fieldId(`targets.${place.row}.${place.part === 'row' ? 'channel' : place.part}`)
      : place.area === 'holiday'
        ? fieldId(
            place.index === null ? `holidays.${place.channel}` : `holidays.${place.channel}.${place.index}`,
          )
        : place.area === 'note'
          ? fieldId('note')
          : fieldId('targets');
  const element =
    document.getElementById(id) ?? document.getElementById(fieldId(`holidays.${field.split('.')[1]}`));
  element?.focus();
  element?.scrollIntoView({ block: 'center' });
}
