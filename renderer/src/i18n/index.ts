// The i18n layer: every string the console shows goes through `t`. English is the reference
// dictionary (its keys are the type of every key); French must cover every key, so a missing
// translation is a type error, not a blank on screen. The language is the person's choice,
// persisted per machine, and defaults from the browser's language.
import { useMemo } from 'react';
import { create } from 'zustand';
import { en, type Messages, type MessageKey, type Params } from './en';
import { fr } from './fr';

export const languages = ['en', 'fr'] as const;
export type Lang = (typeof languages)[number];
export type { MessageKey, Params };

const dictionaries: Record<Lang, Messages> = { en, fr };
const STORAGE_KEY = 'support-console.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'fr') return saved;
  } catch {
    // Storage can be unavailable (private mode, sandbox); the browser's language still applies.
  }
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr') return 'fr';
    if (base === 'en') return 'en';
  }
  return 'en';
}

interface I18nState {
  lang: Lang;
  setLang(lang: Lang): void;
}

export const useI18n = create<I18nState>()((set) => ({
  lang: initialLang(),
  setLang(lang) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Not persisted, but the switch still applies to this window.
    }
    document.documentElement.lang = lang;
    set({ lang });
  },
}));

export type Translate = (key: MessageKey, params?: Params) => string;

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  return (key, params) => {
    const entry = dict[key];
    return typeof entry === 'function' ? entry(params ?? {}) : interpolate(entry, params);
  };
}

/** The translate function for the current language; components re-render when it changes. */
export function useT(): Translate {
  const lang = useI18n((s) => s.lang);
  return useMemo(() => translator(lang), [lang]);
}

export function useLang(): Lang {
  return useI18n((s) => s.lang);
}

/** For code outside React (stores, formatters): the current language's translator. */
export function currentT(): Translate {
  return translator(useI18n.getState().lang);
}

/** BCP 47 locale for Intl and luxon. */
export function localeOf(lang: Lang): string {
  return lang === 'fr' ? 'fr-FR' : 'en-GB';
}

if (typeof document !== 'undefined') document.documentElement.lang = useI18n.getState().lang;
