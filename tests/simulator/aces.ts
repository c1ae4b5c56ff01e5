/** FXServer's ACE permissions: `add_ace principal object allow|deny` and `add_principal child parent`. */
export class AcePermissions {
  private readonly aces = new Map<string, Map<string, 'allow' | 'deny'>>();
  private readonly parents = new Map<string, Set<string>>();

  addAce(principal: string, object: string, mode: 'allow' | 'deny'): void {
    const entries = this.aces.get(principal) ?? new Map();
    entries.set(object, mode);
    this.aces.set(principal, entries);
  }

  removeAce(principal: string, object: string): void {
    this.aces.get(principal)?.delete(object);
  }

  addPrincipal(child: string, parent: string): void {
    const set = this.parents.get(child) ?? new Set();
    set.add(parent);
    this.parents.set(child, set);
  }

  removePrincipal(child: string, parent: string): void {
    this.parents.get(child)?.delete(parent);
  }

  /** Every principal reachable from these, including `builtin.everyone`. */
  private closure(principals: string[]): string[] {
    const seen = new Set<string>();
    const queue = [...principals, 'builtin.everyone'];
    while (queue.length) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.parents.get(next) ?? []));
    }
    return [...seen];
  }

  /** The most specific matching object wins (`command.quit` over `command`); at equal depth deny wins. */
  isAllowed(principals: string[], object: string): boolean {
    let best: { depth: number; mode: 'allow' | 'deny' } | undefined;
    for (const principal of this.closure(principals)) {
      for (const [granted, mode] of this.aces.get(principal) ?? []) {
        const matches = granted === object || object.startsWith(`${granted}.`);
        if (!matches) continue;
        const depth = granted.split('.').length;
        if (!best || depth > best.depth || (depth === best.depth && mode === 'deny')) best = { depth, mode };
      }
    }
    return best?.mode === 'allow';
  }
}
