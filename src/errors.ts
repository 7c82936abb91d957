/**
 * The one error base class of jobsift. `code` is stable and machine-readable; `message` is one
 * line a person can act on; `retryable` says whether trying the same thing again can help.
 */
export class JobsiftError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** The caller's input can never succeed as given (exit code 2, HTTP 4xx, no job retries). */
export class InputError extends JobsiftError {
  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { ...options, retryable: false });
  }
}

/** A rules file (rules/roles.yaml, rules/skills/*.yaml) is missing or invalid. */
export class RulesError extends JobsiftError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('invalid_rules', message, { ...options, retryable: false });
  }
}

export function isJobsiftError(error: unknown): error is JobsiftError {
  return error instanceof JobsiftError;
}

/** A one-line description of any thrown value, for places that must never print a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
