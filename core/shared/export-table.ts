/**
 * How an export answers. `value`: one value, as FiveM returns from JS. `ok_reason`: `true`, or `false, reason,
 * message` — several values, which FiveM only returns from Lua, so `ok-reason-exports.lua` serves those.
 */
export type ExportShape = 'value' | 'ok_reason';

/** Another phone's resource name an export also answers under: the same export name, or another (`{ resource, name }`). */
export type CompatTarget = string | { resource: string; name: string };

export interface ExportEntry {
  shape: ExportShape;
  /** Where this export also answers when the server owner switches those phones' names on (`handset:compat`). */
  compat: readonly CompatTarget[];
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
    const names = [{ resource: self, name }, ...entry.compat.map((compat) => (typeof compat === 'string' ? { resource: compat, name } : compat))].filter(
      (target) => target.resource === self || compatOn.includes(target.resource),
    );
    if (entry.shape === 'ok_reason') {
      // The Lua side answers under the export's own name only.
      okReason.push({ name, resources: names.filter((target) => target.name === name).map((target) => target.resource) });
      continue;
    }
    const fn = (...args: unknown[]) => entry.call(GetInvokingResource() ?? '', ...args);
    for (const target of names) on(`__cfx_export_${target.resource}_${target.name}`, (setCB: (fn: unknown) => void) => setCB(fn));
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
