/**
 * How an export answers. `value`: one value, as FiveM returns from JS. `ok_reason`: `true`, or `false, reason,
 * message` — several values, which FiveM only returns from Lua, so `ok-reason-exports.lua` serves those.
 */
export type ExportShape = 'value' | 'ok_reason';

export interface ExportEntry {
  shape: ExportShape;
  /** Other phones' resource names this export also answers under, when the server owner switches them on. */
  compat: readonly string[];
  /** `caller` is the invoking resource, read before anything awaits ('' when unknown). */
  call(caller: string, ...args: unknown[]): unknown;
}

/** The export the Lua side asks for the `ok_reason` exports; it answers Handset itself only. */
export const OK_REASON_EXPORTS = 'okReasonExports';

/** Registers one side's export table under Handset's name and the switched-on compatibility names. */
export function installExports(entries: Record<string, ExportEntry>, compatOn: readonly string[]): void {
  const self = GetCurrentResourceName();
  const okReason: { name: string; resources: string[] }[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    const resources = [self, ...entry.compat.filter((resource) => compatOn.includes(resource))];
    if (entry.shape === 'ok_reason') {
      okReason.push({ name, resources });
      continue;
    }
    const fn = (...args: unknown[]) => entry.call(GetInvokingResource() ?? '', ...args);
    for (const resource of resources) on(`__cfx_export_${resource}_${name}`, (setCB: (fn: unknown) => void) => setCB(fn));
  }
  // The Lua side passes the real caller along, so only Handset itself may reach this.
  const call = (name: string, caller: string, ...args: unknown[]) => {
    if (GetInvokingResource() !== self || !okReason.some((entry) => entry.name === name)) {
      return { ok: false, reason: 'not_owner', message: 'only Handset calls this' };
    }
    return entries[name]!.call(caller, ...args);
  };
  exports(OK_REASON_EXPORTS, () => (GetInvokingResource() === self ? { exports: okReason, call } : null));
}
