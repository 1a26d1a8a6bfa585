// Parts of the console load on first use (their code is a separate file). If that file cannot be
// fetched (the server stopped, or a new build replaced the files since this window opened), the part
// says so in place, with the way out, instead of taking the whole window down with it.
import { Component, type ReactNode } from 'react';
import { currentT } from '../i18n';

interface Props {
  children: ReactNode;
  /** Compact, for places like the dialog layer where a full note would not fit. */
  compact?: boolean;
}

export class LoadBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('[console] a part of the window failed', error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    // A class component cannot use hooks; the language is read as it is now.
    const t = currentT();
    return (
      <div role="alert" className={this.props.compact ? 'error-note compact' : 'error-note'}>
        <p className="error-title">{t('error.partFailed')}</p>
        <p className="error-detail">{t('error.partFailedDetail')}</p>
        <p className="error-actions">
          <button type="button" onClick={() => window.location.reload()}>
            {t('error.reload')}
          </button>
        </p>
      </div>
    );
  }
}
