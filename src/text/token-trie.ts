/** A trie keyed by token strings: finds every entry whose key sequence starts at a position. */
export class TokenTrie<T> {
  private readonly root: TrieNode<T> = { children: new Map(), values: [] };

  add(keys: readonly string[], value: T): void {
    let node = this.root;
    for (const key of keys) {
      let child = node.children.get(key);
      if (child === undefined) {
        child = { children: new Map(), values: [] };
        node.children.set(key, child);
      }
      node = child;
    }
    node.values.push(value);
  }

  /** The node one key from the root: where every walk starts. Cacheable per key. */
  start(key: string): TrieNode<T> | undefined {
    return this.root.children.get(key);
  }

  /**
   * Walks `keys` from `from` and reports each entry found, with the index after its last key.
   * `canExtend(index)` may stop the walk before key `index` (e.g. at a line break).
   */
  matchAt(
    keys: readonly string[],
    from: number,
    visit: (value: T, end: number) => void,
    canExtend: (index: number) => boolean = alwaysExtend,
  ): void {
    const key = keys[from];
    if (key === undefined) return;
    const start = this.root.children.get(key);
    if (start !== undefined) this.matchFrom(start, keys, from, visit, canExtend);
  }

  /** As `matchAt`, for a walk whose first key, `keys[from]`, already led to `start`. */
  matchFrom(
    start: TrieNode<T>,
    keys: readonly string[],
    from: number,
    visit: (value: T, end: number) => void,
    canExtend: (index: number) => boolean = alwaysExtend,
  ): void {
    let node: TrieNode<T> | undefined = start;
    for (const value of node.values) visit(value, from + 1);
    for (let index = from + 1; index < keys.length; index++) {
      if (node.children.size === 0 || !canExtend(index)) return;
      const key = keys[index];
      if (key === undefined) return;
      node = node.children.get(key);
      if (node === undefined) return;
      for (const value of node.values) visit(value, index + 1);
    }
  }
}

const alwaysExtend = () => true;

export interface TrieNode<T> {
  readonly children: Map<string, TrieNode<T>>;
  readonly values: T[];
}
