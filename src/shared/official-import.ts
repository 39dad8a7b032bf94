/**
 * The import from the official in-app plugin as `inboxSettings:officialStatus` / `:importOfficial` answer it:
 * shared by the server and the settings page.
 */

export interface OfficialStatus {
  /** Whether the official plugin is enabled here (its table is what gets imported). */
  available: boolean;
  /** Rows in the official `notificationInAppMessages`. */
  messages: number;
  /** Channels still of the official type. */
  channels: string[];
  /** Official rows copied so far. */
  imported: number;
}

export interface ImportResult {
  imported: number;
  /** Rows read but not copied: imported before, or their user or channel no longer exists. */
  skipped: number;
  channelsConverted: string[];
  /** True once every official row has been read; otherwise pass `cursor` back as `after`. */
  done: boolean;
  cursor: string | null;
}

/** What one call of `inboxSettings:importOfficial` takes in `values`. */
export interface ImportValues {
  convertChannels?: boolean;
  maxRows?: number;
  after?: string;
}
