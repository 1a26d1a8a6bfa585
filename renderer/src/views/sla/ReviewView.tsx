// PLACEHOLDER (being written): the lead's SLA review.
export function ReviewView() {
  return null;
}
