import { describe, expect, it } from 'vitest';
import { qboxDeletionProblem } from '../../../core/server/identity/bridges/qbox-setup';
import { handsetPerTest, openSqlite } from '../../support/handset';
import { eventually } from '../../support/simulation';

const startHandset = handsetPerTest();
const files = (found: Record<string, string>) => (file: string) => found[file] ?? null;

describe("Qbox's character deletion", () => {
  it('names the line to add, in the config file and format the installed qbx_core has', () => {
    expect(qboxDeletionProblem(files({ 'config/server.lua': "characterDataTables = {\n  {'players', 'citizenid'},\n}" }))).toBe(
      "qbx_core does not delete the phone with a character: add {'handset_core_phones', 'identifier'}, to characterDataTables in qbx_core/config/server.lua",
    );
    expect(qboxDeletionProblem(files({ 'config.lua': "Config.CharacterDataTables = {\n  players = 'citizenid',\n}" }))).toBe(
      "qbx_core does not delete the phone with a character: add handset_core_phones = 'identifier', to characterDataTables in qbx_core/config.lua",
    );
    expect(qboxDeletionProblem(files({ 'config/server.lua': "characterDataTables = { { 'handset_core_phones', 'identifier' } }" }))).toBeNull();
    expect(qboxDeletionProblem(files({ 'config.lua': "Config.CharacterDataTables = { handset_core_phones = 'identifier' }" }))).toBeNull();
    expect(qboxDeletionProblem(files({}))).toBeNull();
  });

  it('is checked when Handset starts on Qbox, and said in the server console', async () => {
    const simulation = await startHandset({ database: await openSqlite(), convars: { 'handset:framework': 'qbox' }, before: ['qbx_core'] });
    await eventually(() =>
      expect(simulation.printed('handset')).toContain(
        "qbx_core does not delete the phone with a character: add {'handset_core_phones', 'identifier'}, to characterDataTables in qbx_core/config/server.lua",
      ),
    );
  });
});
