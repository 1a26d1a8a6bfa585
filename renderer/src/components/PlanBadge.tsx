interface PlanBadgeProps {
  planName: string;
  paid: boolean;
  express: boolean;
}

/** The plan as a coloured pill: Free, paid, and Express plans read apart at a glance. */
export function PlanBadge({ planName, paid, express }: PlanBadgeProps) {
  const tier = express ? 'express' : paid ? 'paid' : 'free';
  return <span className={`plan-badge plan-${tier}`}>{planName}</span>;
}

/** The Express marker: Express plans get phone support and, on Enterprise Express, a manager. */
export function ExpressMarker() {
  return (
    <span className="express-marker" title="Express plan: phone support and faster answers">
      <span aria-hidden="true">⚡</span> Express
    </span>
  );
}
