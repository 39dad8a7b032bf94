import type { Database } from '@nocobase/database';
import { COLLECTIONS } from '../../constants';
import { invalid } from './errors';

export interface Preferences {
  toasts: boolean;
  mutedChannels: string[];
}

const DEFAULT_PREFERENCES: Preferences = { toasts: true, mutedChannels: [] };

const MAX_MUTED = 500;

/** Pure: checks a partial update, naming the bad field. */
export function checkPreferencesPatch(input: unknown): Partial<Preferences> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('values', 'must be an object');
  const { toasts, mutedChannels, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw invalid(unknown[0], 'is not a preference');
  const patch: Partial<Preferences> = {};
  if (toasts !== undefined) {
    if (typeof toasts !== 'boolean') throw invalid('toasts', 'must be true or false');
    patch.toasts = toasts;
  }
  if (mutedChannels !== undefined) {
    if (
      !Array.isArray(mutedChannels) ||
      mutedChannels.length > MAX_MUTED ||
      !mutedChannels.every((name) => typeof name === 'string' && name.length > 0 && name.length <= 255)
    ) {
      throw invalid('mutedChannels', `must be a list of at most ${MAX_MUTED} channel names`);
    }
    patch.mutedChannels = [...new Set(mutedChannels as string[])];
  }
  return patch;
}

export class PreferenceStore {
  constructor(
    private readonly db: Database,
    /** channels no one can mute: left out of every user's muted list, even one muted before the channel became important */
    private readonly importantChannels: () => Promise<string[]>,
  ) {}

  private get model() {
    return this.db.getModel(COLLECTIONS.preferences);
  }

  async get(userId: number): Promise<Preferences> {
    const row = (await this.model.findByPk(userId, { raw: true })) as any;
    if (!row) return { ...DEFAULT_PREFERENCES };
    const muted = typeof row.mutedChannels === 'string' ? JSON.parse(row.mutedChannels) : row.mutedChannels;
    if (!Array.isArray(muted) || !muted.length) return { toasts: Boolean(row.toasts), mutedChannels: [] };
    const important = new Set(await this.importantChannels());
    return { toasts: Boolean(row.toasts), mutedChannels: muted.filter((name) => !important.has(name)) };
  }

  async update(userId: number, patch: Partial<Preferences>): Promise<Preferences> {
    const next = { ...(await this.get(userId)), ...patch };
    await this.model.upsert({ userId, ...next });
    return next;
  }
}
