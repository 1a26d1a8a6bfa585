// A channel's name in the person's language. The rule set names its channels in English (for the
// engine's sentences); the renderer names a channel only through this, from the dictionaries.
import type { ChannelId } from '../../../shared/domain';
import type { Translate } from './index';

export function channelName(t: Translate, id: ChannelId): string {
  return t(`channel.${id}`);
}
