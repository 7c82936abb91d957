import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeError, InputError, isJobsiftError, JobsiftError } from '../errors.js';

/** The one error body of the API: `{"error":{"code","message","details"?}}`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** An error with the HTTP status it answers with, and optional machine-readable details. */
export class HttpError extends JobsiftError {
  readonly status: ContentfulStatusCode;
  readonly details: unknown;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: { details?: unknown; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause, retryable: status >= 500 });
    this.status = status;
    this.details = options.details;
  }
}

const INPUT_STATUS: Readonly<Record<string, ContentfulStatusCode>> = {
  input_too_large: 413,
  unsupported_media_type: 415,
};

const HTTP_CODES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'input_too_large',
  415: 'unsupported_media_type',
  503: 'unavailable',
  504: 'timeout',
};

/** Redis errors that mean "try again later", not "the server is broken". */
function isRedisOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    /Connection is closed|ECONNREFUSED|ETIMEDOUT|Stream isn't writeable/.test(error.message)
  );
}

/** Maps any thrown value to a status and the error body; never exposes a stack. */
export function errorResponse(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof HttpError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return { status: error.status, body };
  }
  if (error instanceof InputError) {
    return {
      status: INPUT_STATUS[error.code] ?? 400,
      body: { error: { code: error.code, message: error.message } },
    };
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = HTTP_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
    const message = error.message || (status === 504 ? 'the request took too long' : code);
    return { status, body: { error: { code, message } } };
  }
  if (isRedisOutage(error)) {
    return {
      status: 503,
      body: {
        error: {
          code: 'redis_unavailable',
          message: `Redis is unreachable: ${describeError(error)}`,
        },
      },
    };
  }
  const code = isJobsiftError(error) ? error.code : 'internal_error';
  return {
    status: 500,
    body: { error: { code, message: `internal error (${code}); the server log has the reason` } },
  };
}

/** The app's `onError`: one JSON shape for every error; 5xx reasons go to the log as one line. */
export function onError(log: (line: string) => void) {
  return (error: unknown, c: Context) => {
    const { status, body } = errorResponse(error);
    if (status >= 500) log(`jobsift serve: ${c.req.method} ${c.req.path}: ${describeError(error)}`);
    return c.json(body, status);
  };
}
