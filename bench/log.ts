/** A line of the bench's progress, with the time of day. */
export const log = (line: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
