// The page's entry, kept small: the start-up requests (the session check, the first queue page) go
// out as soon as this is evaluated, while the browser is still fetching and compiling React and
// the console (root.tsx, preloaded by the HTML), rather than after all of it.
import './state/startup';
import './styles.css';

void import('./root');
