import { languages, useI18n, useT, type Lang } from '../i18n';

const names: Record<Lang, string> = { en: 'English', fr: 'Français' };

/** The interface language; each option is named in its own language so anyone can find theirs. */
export function LangSwitch() {
  const t = useT();
  const lang = useI18n((s) => s.lang);
  const setLang = useI18n((s) => s.setLang);
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('lang.label')}</span>
      <select
        value={lang}
        onChange={(e) => void setLang(e.target.value as Lang)}
        aria-label={t('lang.label')}
      >
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {names[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
