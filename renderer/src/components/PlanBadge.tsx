import { useT } from '../i18n';

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
  const t = useT();
  return (
    <span className="express-marker" title={t('badge.expressHint')}>
      <span aria-hidden="true">⚡</span> {t('badge.express')}
    </span>
  );
}
