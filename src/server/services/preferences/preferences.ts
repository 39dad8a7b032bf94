import type { Database } from '@nocobase/database';
import { COLLECTIONS } from '../../../shared/constants';
import { QuietHours, TIME_OF_DAY } from '../../../shared/quiet-hours';
import { invalid } from '../errors';
import { fromJson } from '../store/serialize';
import { LIMITS, Preferences } from '../../../shared/contract';

const DEFAULT_PREFERENCES: Preferences = { toasts: true, mutedChannels: [], desktopAlerts: false, sound: false, quietHours: null };

const checkFlag = (field: string, value: unknown): boolean => {
  if (typeof value !== 'boolean') throw invalid(field, 'must be true or false');
  return value;
};

function checkQuietHours(value: unknown): QuietHours | null {
  if (value === null) return null;
  const { from, to } = (typeof value === 'object' && value ? value : {}) as Record<string, unknown>;
  if (typeof from !== 'string' || typeof to !== 'string' || !TIME_OF_DAY.test(from) || !TIME_OF_DAY.test(to)) {
    throw invalid('quietHours', 'must be { from, to } as "HH:mm" times, or null');
  }
  return { from, to };
}

/** Pure: checks a partial update, naming the bad field. */
export function checkPreferencesPatch(input: unknown): Partial<Preferences> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('values', 'must be an object');
  const { toasts, mutedChannels, desktopAlerts, sound, quietHours, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw invalid(unknown[0], 'is not a preference');
  const patch: Partial<Preferences> = {};
  if (toasts !== undefined) patch.toasts = checkFlag('toasts', toasts);
  if (desktopAlerts !== undefined) patch.desktopAlerts = checkFlag('desktopAlerts', desktopAlerts);
  if (sound !== undefined) patch.sound = checkFlag('sound', sound);
  if (quietHours !== undefined) patch.quietHours = checkQuietHours(quietHours);
  if (mutedChannels !== undefined) {
    if (
      !Array.isArray(mutedChannels) ||
      mutedChannels.length > LIMITS.mutedChannels ||
      !mutedChannels.every((name) => typeof name === 'string' && name.length > 0 && name.length <= 255)
    ) {
      throw invalid('mutedChannels', `must be a list of at most ${LIMITS.mutedChannels} channel names`);
    }
    patch.mutedChannels = [...new Set(mutedChannels as string[])];
  }
  return patch;
}

/** A preferences row as any dialect reads it back: flags as 0/1 on some, JSON as text on others. */
interface StoredPreferences {
  toasts: unknown;
  desktopAlerts: unknown;
  sound: unknown;
  mutedChannels: unknown;
  quietHours: unknown;
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
    const row = (await this.model.findByPk(userId, { raw: true })) as unknown as StoredPreferences | null;
    if (!row) return { ...DEFAULT_PREFERENCES };
    return {
      toasts: Boolean(row.toasts),
      desktopAlerts: Boolean(row.desktopAlerts),
      sound: Boolean(row.sound),
      quietHours: fromJson<QuietHours | null>(row.quietHours, null),
      mutedChannels: await this.mutedOf(row.mutedChannels),
    };
  }

  /** The channels a stored `mutedChannels` value mutes: important ones left out. */
  async mutedOf(stored: unknown): Promise<string[]> {
    return (await this.mutedOfAll([stored]))[0];
  }

  /** The same for many stored values (a batch of users), the important channels read once and only if one mutes any. */
  async mutedOfAll(stored: unknown[]): Promise<string[][]> {
    const lists = stored.map((value) => fromJson<unknown>(value, [])).map((muted) => (Array.isArray(muted) ? (muted as string[]) : []));
    if (lists.every((muted) => !muted.length)) return lists;
    const important = new Set(await this.importantChannels());
    return lists.map((muted) => muted.filter((name) => !important.has(name)));
  }

  async update(userId: number, patch: Partial<Preferences>): Promise<Preferences> {
    const next = { ...(await this.get(userId)), ...patch };
    await this.model.upsert({ userId, ...next });
    return next;
  }
}
