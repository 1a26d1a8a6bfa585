// Only the viewer's language is loaded (renderer/src/i18n/index.ts): English is part of the page,
// French arrives as a chunk of its own. Until it has, `t` speaks English; a switch waits for it, and
// the last choice wins however the loads finish.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadLanguage, translator, useI18n } from '../../../renderer/src/i18n';

beforeAll(() => {
  vi.stubGlobal('document', { documentElement: { lang: 'en' } });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('loading a language', () => {
  it('speaks English until French is loaded, then French, even through a translator made before', async () => {
    const early = translator('fr');
    expect(early('app.starting')).toBe('Starting…');
    await loadLanguage('fr');
    expect(early('app.starting')).toBe('Démarrage…');
    expect(translator('fr')('app.starting')).toBe('Démarrage…');
    expect(translator('en')('app.starting')).toBe('Starting…');
  });

  it('switches once the dictionary is in, and the last choice wins', async () => {
    useI18n.setState({ lang: 'en' });
    const toFrench = useI18n.getState().setLang('fr');
    const backToEnglish = useI18n.getState().setLang('en');
    await Promise.all([toFrench, backToEnglish]);
    expect(useI18n.getState().lang).toBe('en');
    await useI18n.getState().setLang('fr');
    expect(useI18n.getState().lang).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
  });
});
