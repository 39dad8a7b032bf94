/** A daily quiet period in the user's local time, "HH:mm" to "HH:mm"; it may wrap past midnight (22:00–07:00). */
export interface QuietHours {
  from: string;
  to: string;
}

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Pure: whether `at` (local time) falls in the quiet hours; none, or from = to, is never quiet. */
export function inQuietHours(quiet: QuietHours | null | undefined, at: Date): boolean {
  if (!quiet || !TIME_OF_DAY.test(quiet.from) || !TIME_OF_DAY.test(quiet.to)) return false;
  const [from, to, now] = [minutes(quiet.from), minutes(quiet.to), at.getHours() * 60 + at.getMinutes()];
  return from <= to ? now >= from && now < to : now >= from || now < to;
}
