import { Dialog } from '../components/Dialog';
import { useT } from '../i18n';
import { shortcutList } from '../keyboard/shortcuts';
import { restoreFocus, useNav } from '../state/nav';

/** ? : every shortcut, in one table. */
export function HelpDialog() {
  const t = useT();
  const close = useNav((s) => s.closeDialog);
  const returnFocusTo = useNav((s) => s.returnFocusTo);
  function dismiss() {
    close();
    restoreFocus(returnFocusTo, () => document.getElementById('queue-grid'));
  }
  return (
    <Dialog title={t('help.title')} onClose={dismiss} className="help-dialog" description={t('help.intro')}>
      <table className="shortcuts">
        <caption className="visually-hidden">{t('help.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('help.keys')}</th>
            <th scope="col">{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcutList.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="muted"> {s.sequence ? t('help.then') : '+'} </span>}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(s.action)}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>↑</kbd> <kbd>↓</kbd> <kbd>PgUp</kbd> <kbd>PgDn</kbd> <kbd>Home</kbd> <kbd>End</kbd>
            </td>
            <td>{t('shortcut.gridKeys')}</td>
          </tr>
        </tbody>
      </table>
      <p className="popover-actions">
        <button type="button" className="primary" onClick={dismiss}>
          {t('action.close')}
        </button>
      </p>
    </Dialog>
  );
}
