// A small fake of the modern client's @nocobase/client-v2 for the adapter suites: `jest.mock` hands it out.
export class Plugin {
  constructor(
    public options: unknown,
    public app: any,
  ) {}
  get flowEngine() {
    return this.app.flowEngine;
  }
}

export class TopbarActionModel {
  sort = 0;
  context: unknown;
}
