import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifest, simulationPerTest, writeResources } from '../support/simulation.js';

const simulate = simulationPerTest();

async function withCfg(resources: Parameters<typeof simulate>[0], cfg: string) {
  const simulation = await simulate(resources);
  const file = path.join(simulation.sim.options.resourceDirs[0]!, 'server.cfg');
  await writeFile(file, cfg);
  return { ...simulation, file };
}

const probe = {
  'fxmanifest.lua': manifest(`server_script 'server.js'`, `client_script 'client.js'`),
  'server.js': `RegisterCommand('probe', (src) => {
      console.log([GetConvar('plain', 'unset'), GetConvar('shared', 'unset'), IsPlayerAceAllowed(1, 'handset.admin'), IsPlayerAceAllowed(2, 'handset.admin'), JSON.stringify(GetPlayers())].join(' '));
    }, false);
    RegisterCommand('secret', (src) => console.log('secret run by ' + src), true);`,
  'client.js': `RegisterCommand('convars', () => console.log(GetConvar('plain', 'unset') + ' ' + GetConvar('shared', 'unset')), false);`,
};

describe('server.cfg', () => {
  it('sets convars (setr ones reach clients), ACEs and principals, and ensures resources', async () => {
    const { sim, file, printed } = await withCfg(
      { probe },
      [
        '# comment',
        'set plain "server only"   // trailing comment',
        'setr shared yes',
        'add_ace group.admin handset allow',
        'add_principal identifier.license:admin group.admin',
        'ensure probe',
      ].join('\n'),
    );
    await sim.exec(file);
    const admin = await sim.connectPlayer({ identifiers: ['license:admin'] });
    const guest = await sim.connectPlayer();
    sim.executeCommand('probe', 0);
    admin.executeCommand('convars');
    expect(printed('probe')).toEqual(['server only yes true false ["1","2"]', 'unset yes']);
    guest.executeCommand('secret');
    admin.executeCommand('secret');
    await new Promise((resolve) => setImmediate(resolve));
    expect(printed('probe').slice(2)).toEqual([]);
    sim.aces.addAce('group.admin', 'command.secret', 'allow');
    admin.executeCommand('secret');
    await new Promise((resolve) => setImmediate(resolve));
    expect(printed('probe').slice(2)).toEqual(['secret run by 1']);
    expect(guest.id).toBe(2);
  });

  it('tells convar change listeners of a change to a convar that existed, not of its creation, until the resource stops', async () => {
    const listener = {
      'fxmanifest.lua': manifest(`server_script 'server.js'`),
      'server.js': `AddConvarChangeListener('shop:*', (name) => console.log('changed ' + name + ' ' + GetConvar(name, '')));`,
    };
    const { sim, printed } = await simulate({ listener });
    await sim.ensure('listener');
    sim.executeCommand('set shop:open yes', 0);
    sim.executeCommand('set shop:open no', 0);
    sim.executeCommand('set other:open no', 0);
    sim.executeCommand('set other:open yes', 0);
    await sim.stop('listener');
    sim.executeCommand('set shop:open maybe', 0);
    expect(printed('listener')).toEqual(['changed shop:open no']);
  });

  it('names the file and line of a typo', async () => {
    const { sim, file } = await withCfg({ probe }, 'set a b\n\nensur probe\n');
    await expect(sim.exec(file)).rejects.toThrow(`${file}:3: unknown command "ensur"`);
  });

  it('names the file and line of a missing resource', async () => {
    const { sim, file } = await withCfg({ probe }, 'ensure probe\nensure nowhere\n');
    await expect(sim.exec(file)).rejects.toThrow(new RegExp(`^${file}:2: resource nowhere was not found in `));
  });

  it('names the manifest file and line of a manifest that errors', async () => {
    const { sim, file } = await withCfg(
      { broken: { 'fxmanifest.lua': `fx_version 'cerulean'\ngame 'common'\nserver_script('a.js' ..)\n` } },
      'ensure broken\n',
    );
    const manifestFile = path.join(path.dirname(file), 'broken', 'fxmanifest.lua');
    await expect(sim.exec(file)).rejects.toThrow(`${file}:1: ${manifestFile}:3: unexpected symbol near ')'`);
  });

  it('refuses a manifest without fx_version and a missing dependency', async () => {
    const dir = await writeResources({
      old: { 'fxmanifest.lua': `game 'common'` },
      needy: { 'fxmanifest.lua': manifest(`dependency 'absent'`) },
    });
    const { Simulator } = await import('../simulator/simulator.js');
    const sim = new Simulator({ resourceDirs: [dir] });
    await expect(sim.ensure('old')).rejects.toThrow(`${path.join(dir, 'old', 'fxmanifest.lua')}: fx_version is missing`);
    await expect(sim.ensure('needy')).rejects.toThrow(
      `${path.join(dir, 'needy', 'fxmanifest.lua')}: dependency absent was not found`,
    );
  });

  it('reports a script error with the script file and line, and keeps the resource running', async () => {
    const current = await simulate({
      faulty: {
        'fxmanifest.lua': manifest(`server_scripts { 'first.js', 'second.js' }`),
        'first.js': `\n\nundefinedFunction();`,
        'second.js': `console.log('second still loaded');`,
      },
    });
    await current.sim.ensure('faulty');
    expect(current.errors).toHaveLength(1);
    expect(current.errors[0]!.text).toContain(`${path.join(current.sim.options.resourceDirs[0]!, 'faulty', 'first.js')}:3`);
    expect(current.printed('faulty')).toEqual(['second still loaded']);
    expect(current.sim.resourceState('faulty')).toBe('started');
  });
});
