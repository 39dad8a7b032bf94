import { MOBILE_TAB } from '../../shared/constants';

/** Where `@nocobase/plugin-mobile` mounts its app, under the router's basename. */
const MOBILE_APP = 'm';

/** Pure: whether `pathname` is inside the mobile app (`/m`, `/m/…`, or under a sub-app's basename). */
export function inMobileApp(pathname: string, basename: string): boolean {
  const root = `${basename.replace(/\/?$/, '/')}${MOBILE_APP}`;
  return pathname === root || pathname.startsWith(`${root}/`);
}

/** Pure: the mobile page listing one channel's messages ("" is every channel). */
export const channelMessagesPath = (channelName: string | null) =>
  `${MOBILE_TAB.messagesUrl}?channel=${encodeURIComponent(channelName ?? '')}`;

/** Pure: the link a message's View opens on mobile: its `options.mobileUrl` when it has one, else its `url`. */
export function mobileLinkOf(message: { url: string | null; options?: Record<string, unknown> | null }): string | null {
  const mobileUrl = message.options?.mobileUrl;
  return typeof mobileUrl === 'string' && mobileUrl !== '' ? mobileUrl : message.url;
}
