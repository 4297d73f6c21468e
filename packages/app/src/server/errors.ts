/** An error the API answers with its status and `{ error: message }`. */
export class HttpError extends Error {
  /** `headers` go on the response too (a 429's `retry-after`). */
  constructor(readonly statusCode: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (message: string) => new HttpError(404, message);
