// English strings of the lead's Channels section frame; each channel's panel has its own file.
export const channelsEn = {
  'section.channels': 'Channels',
  'channels.tab.outbox': 'Outbox',
  'channels.tab.mailOut': 'Sending mail',
  'channels.tab.mailIn': 'Receiving mail',
  'channels.tab.website': 'Website',
};
