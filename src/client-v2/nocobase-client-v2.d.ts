// Types of the few modern-client (NocoBase 2.x `/v/`) APIs the client-v2 adapter uses. Neither package is in the
// registry at 2.2.15: the build keeps them external and the modern client defines them in requirejs at run time.

declare module '@nocobase/flow-engine' {
  import type { ReactNode } from 'react';

  /** What a model's `context` offers (defined by the modern client's app on its flow engine). */
  export interface FlowContext {
    api: {
      request(config: { url: string; method?: string; params?: Record<string, unknown>; data?: unknown }): Promise<{ data: unknown }>;
      getHeaders(): Record<string, string>;
      axios: { defaults: { baseURL?: string } };
    };
    /** the signed-in user's record, once the app checked the session */
    user?: { id?: number } | null;
    app: {
      getName(): string | null;
      router: { getBasename(): string };
      /** settings pages; `hasAuth(name)`: the current role is not denied the page's ACL snippet (`pm.<name>` if unknown) */
      pluginSettingsManager: { hasAuth(name: string): boolean };
    };
    /** react-router's data router; `navigate` respects the basename ("/v/") */
    router?: { navigate(to: string): unknown };
    /** true while the admin layout shows its phone layout (top-bar actions folded into a menu) */
    isMobileLayout?: boolean;
  }

  export class FlowModel {
    uid: string;
    context: FlowContext;
    render(): ReactNode;
  }

  export interface FlowEngine {
    context: FlowContext;
    /** registers model classes by name; the top bar shows every registered subclass of TopbarActionModel */
    registerModels(models: Record<string, typeof FlowModel>): void;
  }

  export function useFlowEngine(): FlowEngine;
}

declare module '@nocobase/client-v2' {
  import type { ComponentType } from 'react';
  import type { FlowEngine, FlowModel } from '@nocobase/flow-engine';

  /** A button in the admin layout's top bar, ordered by `sort`. */
  export class TopbarActionModel extends FlowModel {
    sort: number;
    actionId?: string;
    testId?: string;
    tooltip?: string;
  }

  export interface Application {
    use(component: ComponentType<never>, props?: Record<string, unknown>): void;
    /** the app's plugins by name (undefined when that plugin is not enabled) */
    pm: { get<T>(name: string): T };
  }

  export class Plugin {
    constructor(options: unknown, app: Application);
    app: Application;
    get flowEngine(): FlowEngine;
    beforeLoad(): Promise<void>;
    load(): Promise<void>;
  }
}
