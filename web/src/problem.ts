import { MissingRouteError } from './api.js';

/** What a panel says when its data could not be had. */
export function problemText(error: unknown, what: string): string {
  if (error instanceof MissingRouteError) {
    return `This server has no ${error.path} yet, so ${what} cannot be shown.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Could not load ${what}: ${message}`;
}
