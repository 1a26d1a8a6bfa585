import type { ReactNode } from 'react';
import { useT } from '../i18n';

/**
 * Links that leave the console. The Electron shell opens them in the system browser through its
 * allowlist; in a browser they open in a new tab without telling the site where they came from.
 */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const t = useT();
  return (
    <a href={href} target="_blank" rel="noreferrer" className="external-link">
      {children}
      <span className="visually-hidden"> {t('link.external')}</span>
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}
