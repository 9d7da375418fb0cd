import type { AuthKeyDetails } from '@inferadb-regions/plugin-inferadb-node';

/** The key reads of the Tailscale API that finding a region's key takes. */
export interface AuthKeyReader {
  listKeys(): Promise<Array<{ id: string }>>;
  getKey(keyId: string): Promise<AuthKeyDetails>;
}

/**
 * Finds a region's auth key when configuration names none: the newest active key that
 * carries all of the region's tags, so a rotation (new key, old one revoked) shows at the
 * next collection. A key's tags and expiry never change, so each key is read once; the
 * regions of one collection, which ask together, share one read of the active keys.
 */
export class RegionKeyFinder {
  readonly #reader: AuthKeyReader;
  readonly #details = new Map<string, Promise<AuthKeyDetails>>();
  #listing?: Promise<string[]>;

  constructor(reader: AuthKeyReader) {
    this.#reader = reader;
  }

  async newestFor(tags: string[]): Promise<AuthKeyDetails | undefined> {
    const ids = await this.#activeIds();
    const keys = await Promise.all(ids.map(id => this.#detailsOf(id)));
    return keys
      .filter(
        k =>
          !k.invalid &&
          // Every one of the region's tags: keys also carry shared ones (tag:fdb).
          tags.every(t => k.capabilities?.devices?.create?.tags?.includes(t)),
      )
      .sort((a, b) => Date.parse(b.created ?? '') - Date.parse(a.created ?? ''))
      .at(0);
  }

  #activeIds(): Promise<string[]> {
    if (!this.#listing) {
      this.#listing = this.#reader
        .listKeys()
        .then(keys => {
          const active = keys.map(k => k.id);
          // Revoked and expired keys leave the list; forget them.
          for (const id of this.#details.keys()) {
            if (!active.includes(id)) this.#details.delete(id);
          }
          return active;
        })
        .finally(() => {
          this.#listing = undefined;
        });
    }
    return this.#listing;
  }

  #detailsOf(id: string): Promise<AuthKeyDetails> {
    let details = this.#details.get(id);
    if (!details) {
      details = this.#reader.getKey(id);
      details.catch(() => this.#details.delete(id));
      this.#details.set(id, details);
    }
    return details;
  }
}
