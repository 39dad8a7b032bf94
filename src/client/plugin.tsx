import { Plugin } from '@nocobase/client';

/** Client half: a thin adapter that hands NocoBase's API client and i18n to our own components. */
export class PluginInAppMessageClient extends Plugin {
  async load() {}
}

export default PluginInAppMessageClient;
