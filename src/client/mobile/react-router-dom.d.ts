// The few react-router-dom hooks the mobile pages (and the workflow canvas's alert button) use: NocoBase's UI defines the module at run time (the build
// keeps it external); it is not installed here.
declare module 'react-router-dom' {
  export function useNavigate(): (to: string) => void;
  export function useLocation(): { pathname: string; search: string };
  /** the current location's match of a route pattern (`/a/:id`), or null */
  export function useMatch(pattern: string): { params: Record<string, string | undefined> } | null;
  /** the href of a router path, with the router's basename */
  export function useHref(to: string): string;
  export function useSearchParams(): [URLSearchParams, (next: Record<string, string>) => void];
}
