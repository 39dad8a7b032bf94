/** An error a caller can fix: carries the HTTP status and the offending field, never a stack to the client. */
export class InboxError extends Error {
  constructor(
    readonly status: 400 | 404 | 401 | 403,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'InboxError';
  }
}

export const invalid = (field: string, message: string) => new InboxError(400, field, `${field}: ${message}`);

export const notFound = (field: string, message = 'not found') => new InboxError(404, field, `${field}: ${message}`);
