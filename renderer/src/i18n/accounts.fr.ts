// French strings of personal managers, plan changes, My clients and the lead's overview. Typed
// against the English keys of the same area: a key missing here is a compile error.
import type { AccountsKey } from './accounts.en';
import type { Msg, Params } from './en';

const plural = (n: Params[string] | undefined, one: string, other: string) => (Number(n) <= 1 ? one : other);

export const accountsFr: Record<AccountsKey, Msg> = {
  // Not « Mes clients »: beside « Clients » (all customers) the two would read as one.
  'section.clients': 'Mon portefeuille',
  'section.overview': 'Vue responsable',

  'load.of': '{load} clients sur {capacity}',
  'load.atCapacity': 'capacité atteinte',

  'manager.assign': 'Attribuer un manager…',
  'manager.reassign': 'Réattribuer…',
  'manager.unassign': 'Mettre fin à l’attribution…',
  'manager.assigned': '{manager} gère désormais {name}.',
  'manager.unassigned': '{manager} ne gère plus ce client ; l’attribution est conservée dans l’historique.',
  'manager.history': 'Historique des managers',
  'manager.now': 'aujourd’hui',
  'manager.why': 'Motif : {reason}',
  'manager.by': 'attribué par {name}',
  'manager.ended': 'Terminée : {reason}',
  'manager.noReason': 'sans motif',
  'manager.reasonPlanChanged': 'changement de plan',

  'assign.title': 'Manager personnel de {name}',
  'assign.intro':
    'Choisissez le gestionnaire de compte qui suivra {name}. La suggestion est présélectionnée.',
  'assign.introReassign':
    '{name} gère ce client actuellement. Choisir quelqu’un d’autre met fin à cette attribution et la conserve dans l’historique.',
  'assign.loading': 'Recherche du gestionnaire de compte le moins chargé…',
  'assign.suggestionReason':
    'Suggestion : {name} a la charge la plus légère ({load} clients sur {capacity}).',
  'assign.noSuggestion':
    'Tous les gestionnaires de compte actifs ont atteint leur capacité : augmentez une capacité dans la vue responsable, ou mettez d’abord fin à une autre attribution.',
  'assign.managers': 'Gestionnaires de compte',
  'assign.noCandidates': 'Aucun autre gestionnaire de compte actif.',
  'assign.suggested': 'Suggéré',
  'assign.reason': 'Motif (conservé dans l’historique)',
  'assign.defaultReason': 'Client Enterprise Express sans manager',
  'assign.submit': 'Attribuer',
  'assign.saving': 'Enregistrement…',
  'assign.notSaved': 'Le manager n’a pas été attribué.',

  'unassign.title': 'Mettre fin à l’attribution de {name}',
  'unassign.intro': '{manager} ne gérera plus {name}. L’attribution reste dans l’historique avec ce motif.',
  'unassign.submit': 'Mettre fin à l’attribution',
  'unassign.notSaved': 'L’attribution n’a pas été terminée.',

  'plan.change': 'Changer de plan…',
  'plan.notYours': 'Seul un responsable ou le gestionnaire de compte de ce client peut changer son plan.',
  'plan.changeTitle': 'Changer le plan de {name}',
  'plan.changeIntro':
    'Les règles sont réévaluées à la date d’effet ; les conséquences sont affichées et enregistrées dans le journal d’audit.',
  'plan.current': 'Plan actuel :',
  'plan.newPlan': 'Nouveau plan',
  'plan.choose': 'Choisissez un plan',
  'plan.effective': 'Date d’effet',
  'plan.now': 'Maintenant',
  'plan.at': 'À une date donnée',
  'plan.atLabel': 'Date et heure en {zone} ({label})',
  'plan.atGmt': '{full} — {gmt}',
  'plan.atMissing': 'Saisissez une date et une heure.',
  'plan.reason': 'Motif (enregistré avec le changement)',
  'plan.nothingDeleted':
    'Rien n’est supprimé : une attribution est terminée, des tickets et des appels sont signalés.',
  'plan.submit': 'Changer de plan',
  'plan.schedule': 'Programmer le changement',
  'plan.saving': 'Enregistrement…',
  'plan.notSaved': 'Le plan n’a pas été changé.',

  'consequence.applied': 'Plan changé : {from} → {to}',
  'consequence.scheduled': 'Changement de plan programmé : {from} → {to}, {when}',
  'consequence.effective': 'En vigueur {when}.',
  'consequence.later': 'Les conséquences s’appliqueront à cette date ; d’ici là, rien ne change.',
  'consequence.managerEnded': 'Attribution du manager personnel terminée : {manager} (motif : {reason}).',
  'consequence.ticketsFlagged': (p) =>
    `${p.n} ${plural(p.n, 'ticket ouvert signalé', 'tickets ouverts signalés')} : ${plural(p.n, 'son', 'leur')} canal n’est pas inclus dans le nouveau plan.`,
  'consequence.ticketsUnflagged': (p) =>
    `${p.n} ${plural(p.n, 'ticket n’est plus signalé', 'tickets ne sont plus signalés')} : le nouveau plan inclut ${plural(p.n, 'son', 'leur')} canal.`,
  'consequence.callsFlagged': (p) =>
    `${p.n} ${plural(p.n, 'appel à venir signalé', 'appels à venir signalés')} pour examen : le nouveau plan n’a pas de support téléphonique.`,
  'consequence.callsUnflagged': (p) =>
    `${p.n} ${plural(p.n, 'appel n’est plus signalé', 'appels ne sont plus signalés')}.`,
  'consequence.quota': 'Le quota des sujets s’applique de nouveau :',
  'consequence.nothing': 'Aucun ticket, appel ou attribution n’a dû changer.',
  'consequence.kept': 'Rien n’a été supprimé ; chaque changement figure dans le journal d’audit.',
  'consequence.ticketLink': 'Ticket n° {id}',
  'consequence.dismiss': 'Masquer le résumé',

  'clients.notForRole': 'Le portefeuille est réservé aux gestionnaires de compte et aux responsables.',
  'clients.count': '{shown} clients sur {total}',
  'clients.manager': 'Manager',
  'clients.allManagers': 'Tous les gestionnaires de compte',
  'clients.filter': 'Filtrer les clients',
  'clients.filterPlaceholder': 'Nom, société, e-mail, plan ou note',
  'clients.activityOnly': 'Nouvelle activité seulement',
  'clients.keyTickets': 'les tickets du client',
  'clients.keyOpen': 'ouvrir le client',
  'clients.keySeen': 'marquer comme vu',
  'clients.keyNote': 'écrire une note',
  'clients.keyMove': 'passer d’un client à l’autre',
  'clients.leadMarkers':
    'Les marqueurs de nouvelle activité appartiennent à chaque gestionnaire de compte ; ils ne sont donc pas affichés ici.',
  'clients.caption': 'Clients, un par ligne',
  'clients.col.activity': 'Nouveau',
  'clients.col.client': 'Client',
  'clients.col.channels': 'Canaux',
  'clients.col.open': 'Tickets ouverts',
  'clients.col.nextDue': 'Prochaine réponse due',
  'clients.col.nextCall': 'Prochain appel',
  'clients.col.lastContact': 'Dernier contact',
  'clients.col.note': 'Dernière note',
  'clients.activity': 'Nouvelle activité depuis votre dernière visite',
  'clients.noActivity': 'Rien de nouveau',
  'clients.openCount': (p) => `${p.n} ${plural(p.n, 'ouvert', 'ouverts')}`,
  'clients.overdue': '{n} en retard',
  'clients.dueLate': 'En retard',
  'clients.never': 'Jamais',
  'clients.ago': 'il y a {span}',
  'clients.markedSeen': '{name} : marqué comme vu.',
  'clients.none': 'Aucun client n’est encore attribué.',
  'clients.noMatch': 'Aucun client ne correspond à ces filtres.',

  'notes.title': 'Notes sur {name}',
  'notes.none': 'Pas encore de note.',
  'notes.label': 'Nouvelle note (visible par l’équipe seulement)',
  'notes.add': 'Ajouter la note',
  'notes.added': 'Note ajoutée à {name}.',
  'notes.notAdded': 'La note n’a pas été ajoutée ; votre texte est conservé.',

  'overview.notForRole': 'La vue responsable est réservée aux responsables.',
  'overview.allManaged': 'Chaque client Enterprise Express a un manager personnel.',
  'overview.unmanagedTitle': (p) =>
    `${p.n} ${plural(p.n, 'client Enterprise Express n’a', 'clients Enterprise Express n’ont')} pas de manager personnel`,
  'overview.unmanagedText':
    'Leur plan inclut un manager personnel. Cette alerte reste affichée jusqu’à ce que chacun en ait un.',
  'overview.assign': 'Attribuer…',
  'overview.assignNamed': 'Attribuer un manager à {name}',
  'overview.loads': 'Charge des gestionnaires de compte',
  'overview.loadsCaption': 'Clients par gestionnaire de compte par rapport à sa capacité',
  'overview.noManagers': 'Pas encore de gestionnaire de compte.',
  'overview.manager': 'Manager',
  'overview.load': 'Charge',
  'overview.capacity': 'Capacité',
  'overview.loadOf': '{name} : {load} clients sur {capacity}',
  'overview.capacityOf': 'Capacité de {name}',
  'overview.saveCapacity': 'Enregistrer',
  'overview.saving': 'Enregistrement…',
  'overview.capacitySaved': '{name} peut désormais suivre {capacity} clients.',
  'overview.capacityNotSaved': 'La capacité n’a pas été changée.',
  'overview.inactive': 'inactif',
  'overview.settings': 'Répartition',
  'overview.offerFirst': 'Proposer d’abord les nouveaux tickets d’un client à son manager',
  'overview.offerFirstHint':
    'Activé : un nouveau ticket d’un client qui a un manager personnel est attribué à ce manager. Désactivé : il attend dans la file comme les autres.',
  'overview.offerOnSaved': 'Les nouveaux tickets des clients suivis vont désormais d’abord à leur manager.',
  'overview.offerOffSaved':
    'Les nouveaux tickets des clients suivis attendent désormais dans la file comme les autres.',
  'overview.settingNotSaved': 'Le réglage n’a pas été changé.',
  'overview.recent': 'Changements d’attribution récents',
  'overview.recentCaption': 'Attributions commencées ou terminées, les plus récentes d’abord',
  'overview.noChanges': 'Pas encore d’attribution.',
  'overview.when': 'Quand',
  'overview.customer': 'Client',
  'overview.change': 'Changement',
  'overview.reason': 'Motif',
  'overview.assignedBy': 'Attribué par',
  'overview.started': 'Attribué',
  'overview.ended': 'Terminé',
};
