import { streamUrl, ApiClient } from './api';
import type { InboxEnv } from './components/InboxEnv';
import type { Translate } from './types';

/** What both NocoBase clients (classic `/admin` and modern `/v/`) hand the inbox: their API client, i18n, router, user. */
export interface HostParts {
  api: ApiClient & { getHeaders(): Record<string, string>; axios: { defaults: { baseURL?: string } } };
  t: Translate;
  language: string;
  basename: string;
  /** the host's react-router, read when a link is followed (the classic client creates it after the first render) */
  getRouter: () => { navigate(to: string): unknown } | undefined;
  /** the app's name ("main", or a sub-app's) */
  appName: string;
  userId: number | null | undefined;
}

/** NocoBase remounts its layout about 0.1 s after signing in (more on a slow phone): the stream outlives that. */
const STREAM_LINGER_MS = 3000;

/**
 * The inbox's environment from either client. Both derive the stream's scope from the app and the user the same
 * way, so the tabs of one browser share one stream whichever client each tab shows.
 */
export function hostInboxEnv({ api, t, language, basename, getRouter, appName, userId }: HostParts): InboxEnv {
  return {
    api,
    t,
    locale: language,
    basename,
    navigate: (path) => {
      const router = getRouter();
      if (router) void router.navigate(path);
      else window.location.assign(`${basename.replace(/\/$/, '')}${path}`);
    },
    stream: userId
      ? {
          scope: `${appName}:${userId}`,
          url: streamUrl(api.axios.defaults.baseURL),
          getHeaders: () => api.getHeaders(),
          lingerMs: STREAM_LINGER_MS,
        }
      : null,
  };
}
