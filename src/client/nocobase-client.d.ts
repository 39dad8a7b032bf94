// Types of the few host APIs the client adapter uses (a component registry takes `ComponentType<never>`: a
// component of any props). These packages are not installed here (@nocobase/client
// 2.2.16 needs unpublished packages): the build keeps them external and the NocoBase UI provides them at runtime.

declare module '@nocobase/client' {
  import type { ComponentType, ReactNode } from 'react';

  export interface APIClient {
    request(config: {
      url: string;
      method?: string;
      params?: Record<string, unknown>;
      data?: unknown;
      skipNotify?: boolean;
    }): Promise<{ data: unknown }>;
    /** Authorization, X-Role, X-Authenticator, X-Locale, X-App, X-Timezone, X-Hostname, as every request sends them */
    getHeaders(): Record<string, string>;
    axios: { defaults: { baseURL?: string } };
  }

  export interface RouterManager {
    getBasename(): string;
    /** react-router's data router, created once the app renders; `navigate` respects the basename */
    router?: { navigate(to: string): unknown };
  }

  export interface PluginManager {
    get<T>(plugin: (abstract new (...args: never[]) => T) | string): T;
  }

  export interface PluginSettingsManager {
    /** a page at `/admin/settings/<name>` (dots nest it), shown to roles granted `aclSnippet` */
    add(
      name: string,
      options: { title: string; icon?: string; Component?: ComponentType; aclSnippet?: string; sort?: number },
    ): void;
    /** whether that page exists and the current role is granted its `aclSnippet` */
    has(name: string): boolean;
  }

  export interface Application {
    pm: PluginManager;
    router: RouterManager;
    pluginSettingsManager: PluginSettingsManager;
    use(component: ComponentType<never>, props?: Record<string, unknown>): void;
    getName?(): string | null;
    /** components schemas name in `x-component` */
    addComponents(components: Record<string, ComponentType<never>>): void;
    schemaInitializerManager: { addItem(initializer: string, name: string, item: Record<string, unknown>): void };
  }

  export class Plugin<Options = unknown> {
    constructor(options: Options, app: Application);
    options: Options;
    app: Application;
    pm: PluginManager;
    afterAdd(): Promise<void>;
    beforeLoad(): Promise<void>;
    load(): Promise<void>;
  }

  export function useAPIClient(): APIClient;
  export function useApp(): Application;
  /** evaluates a schema text's `{{…}}` expressions (its `t(…)` in the app's i18n) */
  export function useCompile(): (source: string) => unknown;
  export function useCurrentUserContext(): { data?: { data?: { id?: number } } } | undefined;

  export const PinnedPluginListProvider: ComponentType<{
    items: Record<string, { order: number; component: string; pin?: boolean; snippet?: string }>;
    children?: ReactNode;
  }>;
  export const SchemaComponentOptions: ComponentType<{
    components?: Record<string, ComponentType<never>>;
    scope?: Record<string, unknown>;
    children?: ReactNode;
  }>;
  export const SchemaComponent: ComponentType<{
    schema: Record<string, unknown>;
    components?: Record<string, ComponentType<never>>;
    scope?: Record<string, unknown>;
  }>;
}

declare module 'react-i18next' {
  export function useTranslation(
    ns: string | string[],
    options?: { nsMode?: 'fallback' | 'default' },
  ): { t: (key: string, options?: Record<string, unknown>) => string; i18n: { language: string } };
}

declare module '@formily/antd-v5' {
  import type { ReactElement } from 'react';

  export const ArrayItems: (props: Record<string, unknown>) => ReactElement | null;
}

declare module '@formily/react' {
  export function useForm(): { values: Record<string, unknown> };
}

// The package ships `client.js` without a `client.d.ts` beside it: its types are under lib/.
declare module '@nocobase/utils/client' {
  export { tval } from '@nocobase/utils/lib/i18n';
}
