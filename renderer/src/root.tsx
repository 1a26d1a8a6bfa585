// React and the console, in a chunk of their own that main.tsx imports once the start-up requests
// are out (the page's HTML preloads it meanwhile: scripts/preload-app-chunk.ts).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadLanguage, useI18n } from './i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const container = root;

function render(): void {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// The console's first render is in the viewer's language, not English then French.
loadLanguage(useI18n.getState().lang).then(render, (error: unknown) => {
  console.error('[i18n] the dictionary did not load; showing English', error);
  useI18n.setState({ lang: 'en' });
  render();
});
