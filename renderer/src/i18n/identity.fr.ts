// French strings of sign-in with a password, the password change, invitations and the Staff section.
import type { Params } from './en';
import type { identityEn } from './identity.en';

const plural = (n: Params[string] | undefined, one: string, other: string) => (Number(n) <= 1 ? one : other);

export const identityFr: Record<keyof typeof identityEn, string | ((p: Params) => string)> = {
  'section.staff': 'Équipe',

  'signIn.passwordIntro': 'Connectez-vous avec votre adresse e-mail professionnelle et votre mot de passe.',
  'signIn.email': 'E-mail',
  'signIn.password': 'Mot de passe',
  'signIn.passwordFor': 'Mot de passe de {name}',
  'signIn.hasPassword': 'mot de passe',
  'signIn.accountReady': 'Votre compte est prêt. Connectez-vous avec le mot de passe choisi.',

  'error.wrongPassword': 'L’adresse e-mail et le mot de passe ne correspondent pas.',
  'error.lockedOut': 'Connexion bloquée après trop de mots de passe erronés.',
  'error.lockedOutUntil': 'Réessayez après {time}, ou demandez à un responsable.',
  'error.sessionExpired': 'Votre session a pris fin.',
  'error.deactivated': 'Ce compte a été désactivé par un responsable.',

  'password.change': 'Changer de mot de passe',
  'password.changeTitle': 'Changer votre mot de passe',
  'password.changeIntro':
    'Vos autres sessions (autres navigateurs, application de bureau) seront déconnectées.',
  'password.firstIntro':
    'Choisissez un mot de passe : vous vous connecterez désormais avec, et personne ne pourra choisir votre nom dans la liste.',
  'password.current': 'Mot de passe actuel',
  'password.new': 'Nouveau mot de passe',
  'password.confirm': 'Nouveau mot de passe (confirmation)',
  'password.rules': 'Au moins {min} caractères ; une phrase se retient mieux que des symboles.',
  'password.mismatch': 'Les deux nouveaux mots de passe diffèrent.',
  'password.changed': 'Mot de passe changé. Vos autres sessions ont été déconnectées.',
  'password.save': 'Changer le mot de passe',
  'password.saving': 'Enregistrement…',
  'password.notChanged': 'Le mot de passe n’a pas été changé.',

  'invite.title': 'Rejoindre l’équipe support',
  'invite.intro':
    '{name}, vous êtes invité(e) comme {role}. Choisissez un mot de passe pour terminer votre compte ({email}).',
  'invite.expires': 'Cette invitation est valable jusqu’à {time}.',
  'invite.accept': 'Créer mon compte',
  'invite.accepting': 'Création…',
  'invite.checking': 'Vérification de l’invitation…',
  'invite.notAccepted': 'Le compte n’a pas été créé.',
  'invite.toSignIn': 'Aller à la connexion',

  'staff.title': 'Équipe',
  'staff.intro':
    'Qui peut se connecter, avec quel rôle. Désactiver quelqu’un le déconnecte partout à la fois.',
  'staff.name': 'Nom',
  'staff.email': 'E-mail',
  'staff.role': 'Rôle',
  'staff.zone': 'Fuseau horaire',
  'staff.status': 'État',
  'staff.lastSignIn': 'Dernière connexion',
  'staff.sessions': 'Sessions',
  'staff.never': 'jamais',
  'staff.active': 'Actif',
  'staff.inactive': 'Désactivé',
  'staff.noPassword': 'Sans mot de passe (choisi dans la liste)',
  'staff.lockedUntil': 'Bloqué jusqu’à {time}',
  'staff.you': '(vous)',
  'staff.roleOf': 'Rôle de {name}',
  'staff.deactivate': 'Désactiver',
  'staff.reactivate': 'Réactiver',
  'staff.deactivateConfirm': 'Désactiver {name} ? Cette personne est déconnectée partout à la fois.',
  'staff.sessionsOpen': (p: Params) =>
    `${p.count} ${plural(p.count, 'session ouverte', 'sessions ouvertes')}`,
  'staff.notSaved': 'Rien n’a été modifié.',
  'staff.roleChanged': '{name} est maintenant {role}.',
  'staff.deactivated': '{name} a été désactivé(e) et déconnecté(e).',
  'staff.reactivated': '{name} peut de nouveau se connecter.',

  'staff.inviteTitle': 'Inviter quelqu’un',
  'staff.inviteSubmit': 'Créer l’invitation',
  'staff.inviting': 'Création…',
  'staff.inviteLink': 'Lien d’invitation pour {name}',
  'staff.inviteLinkHelp':
    'Envoyez vous-même ce lien à {email} : il n’est affiché que maintenant. Il permet de choisir un mot de passe jusqu’à {time}.',
  'staff.copy': 'Copier le lien',
  'staff.copied': 'Lien copié.',
  'staff.invitations': 'Invitations',
  'staff.noInvitations': 'Aucune invitation en attente.',
  'staff.invitedBy': 'invité(e) par {name}',
  'staff.expiresAt': 'valable jusqu’à {time}',
  'staff.withdraw': 'Retirer',
  'staff.invitation.pending': 'En attente',
  'staff.invitation.accepted': 'Acceptée',
  'staff.invitation.expired': 'Expirée',
  'staff.invitation.revoked': 'Retirée',
  'staff.inviteNotCreated': 'L’invitation n’a pas été créée.',
};
