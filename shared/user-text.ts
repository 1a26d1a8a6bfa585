// What counts as acceptable text from a person, for every string of every contract input (the
// dispatcher applies it before the method's schema), and what counts as a link we may e-mail.
//
// Refused: control characters other than tab, line feed and carriage return (NUL among them: it ends
// a C string, so SQLite's full-text parser and many tools cut the text there), and lone UTF-16
// surrogates (half a character: not Unicode, and not storable as UTF-8 without being altered).
// Allowed: every other character, including zero-width joiners and direction marks, which real
// names and right-to-left text need.

/** The C0 controls but tab, line feed and carriage return, DEL, and the C1 controls. */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text is refused, in words fit for the person who sent it; null when it is fine. */
export function userTextProblem(text: string): string | null {
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `contains the invisible control character U+${code}; remove it and try again`;
  }
  if (LONE_SURROGATE.test(text)) {
    return 'contains a broken character (half of a UTF-16 pair); paste the text again';
  }
  return null;
}

export interface UserTextIssue {
  /** Dotted path to the string, as zod names fields ("callRequest.questions.0"). */
  path: string;
  problem: string;
}

/** The first string in a JSON-like value (object keys included) that breaks the rule above. */
export function findUserTextIssue(
  value: unknown,
  path: readonly (string | number)[] = [],
): UserTextIssue | null {
  if (typeof value === 'string') {
    const problem = userTextProblem(value);
    return problem === null ? null : { path: path.join('.'), problem };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const issue = findUserTextIssue(value[i], [...path, i]);
      if (issue) return issue;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const keyProblem = userTextProblem(key);
      if (keyProblem !== null) return { path: [...path, key].join('.'), problem: `its name ${keyProblem}` };
      const issue = findUserTextIssue(inner, [...path, key]);
      if (issue) return issue;
    }
  }
  return null;
}

/**
 * RFC 3986's characters but the apostrophe, and a percent sign only as the start of an escape: no
 * spaces, quotes,
 * angle brackets, backslashes, braces, pipes, carets or backticks, which a mail client or a calendar
 * would cut the link at or that could break out of the HTML and iCalendar text it is written into.
 */
const URL_CHARACTERS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=]|%[0-9A-Fa-f]{2})+$/;
/** A DNS name with at least two labels (meet.google.com), each of letters, digits and inner hyphens. */
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/**
 * A well-formed https link to a named host, as an agent pastes a meeting link: nothing a mail
 * client or calendar could read differently from what was typed, no user name or password in it.
 */
export function isWellFormedHttpsUrl(text: string): boolean {
  if (!URL_CHARACTERS.test(text) || !/^https:\/\//i.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' && url.username === '' && url.password === '' && HOST_NAME.test(url.hostname)
  );
}
