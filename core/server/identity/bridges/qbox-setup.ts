/**
 * Whether qbx_core deletes the phone with the character: its `characterDataTables` must name Handset's phone table.
 * `read` gives a file of qbx_core (null when absent): `config/server.lua` today, `config.lua` before.
 */
export function qboxDeletionProblem(read: (file: string) => string | null): string | null {
  const current = read('config/server.lua');
  const config = current ?? read('config.lua');
  if (config === null || /['"]handset_core_phones['"]|\bhandset_core_phones\s*=/.test(config)) return null;
  const line = current === null ? "handset_core_phones = 'identifier'," : "{'handset_core_phones', 'identifier'},";
  return `qbx_core does not delete the phone with a character: add ${line} to characterDataTables in qbx_core/${current === null ? 'config.lua' : 'config/server.lua'}`;
}
