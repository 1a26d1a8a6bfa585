// Où l’application travaille (le choix au premier lancement) et le lien au serveur d’équipe.
import type { Msg } from './en';
import type { connectionEn } from './connection.en';

export const connectionFr = {
  'firstRun.title': 'Où allez-vous travailler ?',
  'firstRun.intro':
    'Support Console peut garder ses données sur cet ordinateur, pour une personne, ou se connecter au serveur de votre équipe, où tout le monde travaille la même file.',
  'firstRun.local': 'Sur cet ordinateur',
  'firstRun.localHint': 'Une personne, une base de données sur cet ordinateur. Fonctionne sans réseau.',
  'firstRun.team': 'Se connecter à un serveur d’équipe',
  'firstRun.teamHint':
    'La file partagée de votre équipe, en direct. Votre responsable vous donne l’adresse ; vous vous connectez ensuite.',
  'firstRun.address': 'Adresse du serveur',
  'firstRun.addressHint': 'Par exemple support.exemple.fr, ou l’adresse affichée par le mode serveur.',
  'firstRun.continue': 'Continuer',
  'firstRun.checking': 'Vérification du serveur…',
  'firstRun.opening': 'Ouverture de la base de données…',
  'firstRun.problem.empty': 'Saisissez l’adresse de votre serveur d’équipe.',
  'firstRun.problem.invalid_url': 'Ce n’est pas une adresse web.',
  'firstRun.problem.insecure_url':
    'Utilisez une adresse https : en http simple, votre mot de passe circulerait sans protection. Le http n’est accepté que pour un serveur sur cet ordinateur.',
  'firstRun.problem.unreachable': 'Le serveur est injoignable. Vérifiez l’adresse et votre réseau.',
  'firstRun.problem.not_a_console':
    'Quelque chose répond à cette adresse, mais ce n’est pas un serveur Support Console.',
  'firstRun.problem.token_refused': 'Le serveur demande son jeton d’accès.',
  'firstRun.problem.server_error':
    'Le serveur n’a pas pu répondre. Réessayez dans un instant ou prévenez la personne qui le gère.',
  'firstRun.problem.local_failed': 'La base de données de cet ordinateur n’a pas pu être ouverte.',
  'firstRun.problem.settings_unreadable': 'Le choix enregistré n’a pas pu être lu : choisissez à nouveau.',
  'firstRun.problem.forbidden': 'Cette fenêtre ne peut pas changer le lieu de travail de l’application.',
  'firstRun.problem.invalid_input': 'Le choix n’a pas été compris.',
  'connection.offline': 'Pas de connexion au serveur d’équipe {server}.',
  'connection.connecting': 'Connexion au serveur d’équipe {server}…',
  'connection.retryIn': (p) => `Nouvel essai dans ${p.seconds} s.`,
  'connection.retryNow': 'Réessayer maintenant',
  'connection.kept':
    'Rien de ce que vous saisissez n’est perdu : les brouillons restent, et un message non envoyé reste dans sa zone de saisie.',
  'connection.problem.unreachable': 'Le serveur ne répond pas.',
  'connection.problem.refused': 'Le serveur a refusé l’accès à cet ordinateur.',
  'connection.problem.not_a_console': 'L’adresse ne mène plus à un serveur Support Console.',
  'connection.problem.server_error': 'Le serveur rencontre un problème.',
  'connection.back': 'De nouveau connecté au serveur d’équipe.',
  'mode.local': 'Travail sur cet ordinateur.',
  'mode.team': 'Serveur d’équipe : {server}',
  'mode.change': 'Changer…',
  'mode.sessionNotKept':
    'Cet ordinateur n’a pas de trousseau pour garder votre session : vous vous connecterez à chaque démarrage.',
} satisfies Record<keyof typeof connectionEn, Msg>;
