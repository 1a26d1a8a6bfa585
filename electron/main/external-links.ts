// The only places the app opens outside itself, in the system browser. Everything else a page tries
// to open or navigate to is refused.
import type { RuleSet } from '../core/rules';

export function externalLinkAllowlist(rules: RuleSet): Set<string> {
  const hosts = new Set<string>(['quintadb.com', 'www.quintadb.com']);
  try {
    hosts.add(new URL(rules.community.url).host);
  } catch {
    // parseRuleSet already refused malformed URLs; nothing to add
  }
  return hosts;
}

export function isAllowedExternalLink(raw: string, allowlist: Set<string>): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && allowlist.has(url.host);
}
