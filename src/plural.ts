/** `1 page`, `2 pages`, `0 items`: a count with its noun, plural unless the count is one. */
export function plural(count: number | bigint, noun: string): string {
  return `${count} ${noun}${Number(count) === 1 ? '' : 's'}`;
}
