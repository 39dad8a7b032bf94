/** Where `@nocobase/plugin-mobile` mounts its app, under the router's basename. */
const MOBILE_APP = 'm';

/** Pure: whether `pathname` is inside the mobile app (`/m`, `/m/…`, or under a sub-app's basename). */
export function inMobileApp(pathname: string, basename: string): boolean {
  const root = `${basename.replace(/\/?$/, '/')}${MOBILE_APP}`;
  return pathname === root || pathname.startsWith(`${root}/`);
}
