/** What a stream needs of the request's authenticator (NocoBase's `ctx.auth`) to re-check its token later. */
interface Authenticator {
  jwt?: {
    decode(token: string): Promise<{ jti?: string; temp?: boolean; signInTime?: number }>;
    blacklist?: { has(token: string): Promise<boolean> };
  };
  tokenController?: { getConfig(): Promise<{ sessionExpirationTime: number }> };
}

/**
 * The check a stream runs on every ping: NocoBase checks a token only when a request starts, and a stream is one
 * request that lasts for hours. Answers why the session is over (signed out, expired) or null while it holds.
 */
export function sessionCheck(auth: Authenticator | undefined, token: string | undefined) {
  const jwt = auth?.jwt;
  if (!jwt || !token) return undefined;
  return async (): Promise<string | null> => {
    let payload: Awaited<ReturnType<typeof jwt.decode>>;
    try {
      payload = await jwt.decode(token);
    } catch {
      return 'the session expired: sign in again';
    }
    if (await jwt.blacklist?.has(payload.jti ?? token)) return 'signed out';
    if (payload.temp && payload.signInTime && auth?.tokenController) {
      const { sessionExpirationTime } = await auth.tokenController.getConfig();
      if (Date.now() - payload.signInTime > sessionExpirationTime) return 'the session expired: sign in again';
    }
    return null;
  };
}
