// Placeholder until its channel lands (#11): the panel file is this panel's one home.
export function WebsiteSettings() {
  return null;
}
