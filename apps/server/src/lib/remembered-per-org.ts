/**
 * What a server remembers of each organisation between requests, with the database generation it was
 * read at (ADR 0027). A reader asks with the generation its own transaction sees now and gets the value
 * only when it was read at exactly that generation; a stored value must come from a transaction that
 * read the generation first and then committed (`ctx.afterCommit`), so what is kept is never older than
 * its key and never from work that rolled back. Bounded: past `limit` organisations, the one stored
 * longest ago goes first.
 */
export class RememberedPerOrg<T> {
  private readonly entries = new Map<string, { generation: string; value: T }>();

  constructor(private readonly limit: number) {}

  get(orgId: string, generation: string): T | undefined {
    const known = this.entries.get(orgId);
    return known && known.generation === generation ? known.value : undefined;
  }

  set(orgId: string, generation: string, value: T): void {
    this.entries.delete(orgId);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value ?? '');
    this.entries.set(orgId, { generation, value });
  }
}
