// PLACEHOLDER (being written): the SLA targets and holidays editor.
export function SlaRulesEditor() {
  return null;
}
