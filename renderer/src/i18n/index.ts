// The i18n layer: every string the console shows goes through `t`. English is the reference
// dictionary (its keys are the type of every key); French must cover every key, so a missing
// translation is a type error, not a blank on screen. The language is the person's choice,
// persisted per machine, and defaults from the browser's language. Only the viewer's language is
// loaded: English is part of the page (the reference, and the fallback), French a chunk of its own,
// loaded before the console first renders in it (root.tsx) or when someone switches to it.
import { useMemo } from 'react';
import { create } from 'zustand';
import { en, type Messages, type MessageKey, type Params } from './en';

export const languages = ['en', 'fr'] as const;
export type Lang = (typeof languages)[number];
export type { MessageKey, Params };

const dictionaries: Partial<Record<Lang, Messages>> = { en };
const loaders: Record<Lang, () => Promise<Messages>> = {
  en: () => Promise.resolve(en),
  fr: () => import('./fr').then((m) => m.fr),
};

/** Loads a language's dictionary (once); `t` falls back to English until it is in. */
export async function loadLanguage(lang: Lang): Promise<void> {
  dictionaries[lang] ??= await loaders[lang]();
}

let switchSeq = 0;
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
  /** Switches once the language's dictionary is loaded. */
  setLang(lang: Lang): Promise<void>;
}

export const useI18n = create<I18nState>()((set) => ({
  lang: initialLang(),
  async setLang(lang) {
    // The last choice wins, even if an earlier one's dictionary arrives after it.
    const mine = ++switchSeq;
    try {
      await loadLanguage(lang);
    } catch (error) {
      // The chunk did not load (the server went away): the console stays in its language.
      console.error(`[i18n] the ${lang} dictionary did not load`, error);
      return;
    }
    if (mine !== switchSeq) return;
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
  return (key, params) => {
    // Looked up per call: a translator made before its dictionary loaded speaks it once it has.
    const entry = (dictionaries[lang] ?? en)[key];
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
