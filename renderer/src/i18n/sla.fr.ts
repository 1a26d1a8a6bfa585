// Chaînes françaises de la partie SLA (ticket #6) : la section, la revue du responsable.
import type { Msg, Params } from './en';
import type { slaEn } from './sla.en';

/** `count` est le nombre, `n` le même nombre écrit pour la langue (« 1 234 »). 0 et 1 : singulier. */
const plural = (p: Params, one: string, other: string) => (Number(p.count) <= 1 ? one : other);

export const slaFr = {
  'section.sla': 'Heures de SLA',
  'sla.section.notForRole': 'La revue des SLA est réservée aux responsables d’équipe.',
  'sla.section.review': 'Revue',
  'sla.section.rules': 'Objectifs et jours fériés',

  'slaReview.filters': 'Filtres de la revue',
  'slaReview.period': 'Période',
  'slaReview.preset.last7': '7 derniers jours',
  'slaReview.preset.last30': '30 derniers jours',
  'slaReview.preset.thisMonth': 'Ce mois-ci',
  'slaReview.preset.lastMonth': 'Le mois dernier',
  'slaReview.preset.custom': 'Dates au choix',
  'slaReview.from': 'Du',
  'slaReview.to': 'Au',
  'slaReview.zoneNote':
    'Les jours vont de minuit à minuit dans votre fuseau, {zone} ({label}), bornes incluses. Les semaines commencent le lundi à 00:00 UTC et les heures de la carte de chaleur sont en UTC.',
  'slaReview.range.missingFrom': 'Choisissez le premier jour de la période.',
  'slaReview.range.missingTo': 'Choisissez le dernier jour de la période.',
  'slaReview.range.toBeforeFrom':
    'Le dernier jour ({to}) précède le premier ({from}) : choisissez une date « Au » plus tardive.',
  'slaReview.range.tooLong':
    'La période du {from} au {to} dépasse 400 jours : choisissez-en une plus courte.',
  'slaReview.allChannels': 'Tous les canaux',
  'slaReview.allPlans': 'Tous les plans',
  'slaReview.allAgents': 'Tout le monde',
  'slaReview.nobody': 'Personne',
  'slaReview.inactive': '{name} (inactif)',
  'slaReview.unknownPlan': 'Plan inconnu',
  'slaReview.clearFilters': 'Effacer les filtres',
  'slaReview.refresh': 'Actualiser',
  'slaReview.loading': 'Chargement de la revue…',
  'slaReview.failed': 'La revue n’a pas pu être chargée.',
  'slaReview.empty': 'Aucun ticket n’est arrivé sur cette période avec ces filtres.',
  'slaReview.summary.period': 'du {from} au {to}',

  'slaReview.totals': 'Totaux',
  'slaReview.scopeAll': 'Tous les tickets',
  'slaReview.businessTimeNote':
    'Les délais de première réponse sont en temps ouvré : seules comptent les heures d’ouverture du canal du ticket, hors pauses.',
  'slaReview.col.channel': 'Canal',
  'slaReview.col.plan': 'Plan',
  'slaReview.col.agent': 'Agent',
  'slaReview.col.week': 'Semaine',
  'slaReview.col.tickets': 'Tickets',
  'slaReview.col.answered': 'Répondus',
  'slaReview.col.frMedian': 'Première réponse, médiane',
  'slaReview.col.frP90': 'Première réponse, p90',
  'slaReview.col.withinTarget': 'Dans l’objectif',
  'slaReview.col.frBreaches': 'Première réponse manquée',
  'slaReview.col.breaches': 'Tous les dépassements',
  'slaReview.noAnswers': 'Pas encore de réponse',
  'slaReview.notKnown': 'Pas encore connu',
  'slaReview.notKnownHint': 'Aucun ticket n’a encore reçu de réponse ni manqué son échéance.',
  'slaReview.underMinute': '< 1 min',
  'slaReview.byChannel': 'Par canal',
  'slaReview.byPlan': 'Par plan',
  'slaReview.byAgent': 'Par agent',
  'slaReview.noRows': 'Aucun ticket.',
  'slaReview.tableCaption': '{table} : chaque nombre ouvre les tickets qu’il compte.',
  'slaReview.drillButton': '{measure}, {scope} : {value}. Voir les tickets.',
  'slaReview.csv': 'CSV',
  'slaReview.csvOf': 'Exporter « {table} » en CSV',
  'slaReview.csvPreparing': 'Préparation…',
  'slaReview.csvFailed': 'Le CSV n’a pas été exporté.',

  'slaReview.measure.tickets': 'Tickets',
  'slaReview.measure.answered': 'Répondus',
  'slaReview.measure.within_target': 'Répondus dans l’objectif',
  'slaReview.measure.first_response_breached': 'Première réponse manquée',
  'slaReview.measure.breached': 'Tickets avec un dépassement',
  'slaReview.measure.arrivals': 'Arrivées',
  'slaReview.measure.arrivals_outside_hours': 'Arrivées hors horaires',

  'slaReview.trend': 'Tendance hebdomadaire',
  'slaReview.trend.weeksNote':
    'Semaines à partir du lundi 00:00 UTC ; la première et la dernière peuvent être coupées par la période.',
  'slaReview.trend.axisTickets': 'Tickets',
  'slaReview.trend.axisShare': 'Dans l’objectif',
  'slaReview.trend.table': 'Les semaines en tableau',
  'slaReview.trend.none': 'Aucune semaine sur cette période.',
  'slaReview.trend.summary': (p) =>
    `Graphique de tendance hebdomadaire, ${p.weeks} ${plural({ count: p.weeks ?? 0 }, 'semaine', 'semaines')} de la semaine du ${p.first} à celle du ${p.last}\u202f: de ${p.min} à ${p.max} tickets par semaine\u202f; dans l’objectif ${p.shares}. Le tableau ci-dessous donne chaque semaine.`,
  'slaReview.weekOf': 'Semaine du {date}',
  'slaReview.partialWeek': '(partielle)',

  'slaReview.heatmap': 'Arrivées par heure de la semaine',
  'slaReview.heat.zone': 'Heures en {zone}',
  'slaReview.heat.utc': 'UTC',
  'slaReview.heat.show': 'Afficher',
  'slaReview.heat.modeAll': 'Toutes les arrivées',
  'slaReview.heat.modeOutside': 'Hors horaires seulement',
  'slaReview.heat.overlay': 'Horaires du canal',
  'slaReview.heat.overlayFiltered': '(le canal filtré)',
  'slaReview.heat.demandOutside': (p) =>
    `Demande hors horaires\u202f: ${p.n} ${plural(p, 'arrivée', 'arrivées')}`,
  'slaReview.heat.captionAll':
    'Tickets arrivés, par jour et par heure (UTC), avec les totaux de chaque jour et de chaque heure. Chaque nombre ouvre ses tickets.',
  'slaReview.heat.captionOutside':
    'Tickets arrivés pendant la fermeture de leur canal, par jour et par heure (UTC). Chaque nombre ouvre ses tickets.',
  'slaReview.heat.day': 'Jour',
  'slaReview.heat.total': 'Total',
  'slaReview.heat.allDays': 'Tous les jours',
  'slaReview.heat.arrivals': (p) => `${p.n} ${plural(p, 'arrivée', 'arrivées')}`,
  'slaReview.heat.outside': (p) => `${p.n} hors horaires`,
  'slaReview.heat.open': '{channel} ouvert',
  'slaReview.heat.closed': '{channel} fermé',
  'slaReview.heat.openPart': '{channel} ouvert {m} min dans l’heure',
  'slaReview.heat.hint':
    'Survolez ou sélectionnez une heure pour son détail ; les flèches passent d’une heure à l’autre.',
  'slaReview.heat.legendScale': 'Moins à plus d’arrivées',
  'slaReview.heat.legendScaleOutside': 'Moins à plus d’arrivées hors horaires',
  'slaReview.heat.legendClosed': '{channel} fermé',
  'slaReview.heat.legendOpen': '{channel} ouvert (barre : minutes de l’heure)',
  'slaReview.heat.legendOutside': 'Tickets arrivés pendant la fermeture de leur canal',
  'slaReview.heat.legendRefused':
    'Les arrivées comptent tous les tickets, refusés compris : la demande reste la demande.',

  'slaReview.versions': 'Mesurés selon les versions du jeu de règles : {list}.',
  'slaReview.versionItem': (p) => `${p.label} (${p.n} ${plural(p, 'ticket', 'tickets')})`,
  'slaReview.versionsNone':
    'Aucun ticket de cette période n’a été mesuré selon une version du jeu de règles.',
  'slaReview.version': 'version {n}',
  'slaReview.definitions':
    'Tickets : arrivés sur la période avec un objectif de réponse (les tickets refusés ne sont pas mesurés). Médiane et p90 : rang le plus proche du temps ouvré jusqu’à la première réponse de l’équipe. Dans l’objectif : répondus à temps ÷ (répondus à temps + manqués, y compris sans réponse après l’échéance). Tous les dépassements : échéances de première et de réponse suivante manquées. Agent : qui a répondu en premier, sinon qui détient le ticket.',

  'slaReview.drill.title': '{measure} : {scope}',
  'slaReview.drill.count': (p) =>
    Number(p.count) === 0
      ? 'Aucun ticket'
      : `${p.n} ${plural(p, 'ticket', 'tickets')}${p.shown === p.n ? '' : `, ${p.shown} affichés`}`,
  'slaReview.drill.breachesNote': (p) =>
    `${p.n} ${plural(p, 'dépassement', 'dépassements')} sur ces tickets\u202f: un ticket peut manquer plus d’une échéance.`,
  'slaReview.drill.none': 'Aucun ticket ne correspond plus à ce nombre.',
  'slaReview.drill.ticket': 'Ticket',
  'slaReview.drill.arrived': 'Arrivée',
  'slaReview.drill.firstResponse': 'Première réponse (temps ouvré)',
  'slaReview.drill.ruleVersion': 'Version des règles',
  'slaReview.drill.breaches': 'Dépassements',
  'slaReview.drill.target': 'objectif {time}',
  'slaReview.drill.refused': 'Refusé à l’arrivée',
  'slaReview.drill.unanswered': 'Sans réponse',
  'slaReview.drill.yes': 'Oui',
  'slaReview.drill.no': 'Non',
  'slaReview.drill.notYet': 'Pas encore connu',
  'slaReview.drill.notMeasured': 'Non mesuré',
  'slaReview.drill.outside': 'hors horaires',
  'slaReview.drill.outsideHint':
    'Arrivé pendant la fermeture de son canal : le compteur a démarré à l’ouverture.',
  'slaReview.drill.more': 'Charger la suite',
} satisfies Record<keyof typeof slaEn, Msg>;
