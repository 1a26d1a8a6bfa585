// French strings of the lead's Channels section frame.
import type { channelsEn } from './channels.en';

export const channelsFr: Record<keyof typeof channelsEn, string> = {
  'section.channels': 'Canaux',
  'channels.tab.outbox': 'Boîte d’envoi',
  'channels.tab.mailOut': 'Envoi des e-mails',
  'channels.tab.mailIn': 'Réception des e-mails',
  'channels.tab.website': 'Site web',
};
