import path from 'node:path';
import { expect, it } from 'vitest';
import { CANVAS_BASE64 } from '../fixtures/canvas-images';
import { jpegWithMetadata } from '../fixtures/images';
import { eventually, manifest, simulationPerTest } from '../support/simulation.js';

const simulate = simulationPerTest();
const standIns = path.join(import.meta.dirname, 'resources');

// A resource that asks screenshot-basic for photos the ways its README shows, and prints what it got.
const camera = {
  'fxmanifest.lua': manifest(`server_script 'server.js'`, `client_script 'client.js'`),
  'server.js': `RegisterCommand('shoot', (source, args) => exports['screenshot-basic'].requestClientScreenshot(Number(args[0]), { encoding: 'jpg', quality: 0.9 },
    (error, data) => console.log('server', error, data)), true);`,
  'client.js': `RegisterCommand('png', () => exports['screenshot-basic'].requestScreenshot({ encoding: 'png' }, (data) => console.log('png', data)), false);
    RegisterCommand('plain', () => exports['screenshot-basic'].requestScreenshot((data) => console.log('plain', data)), false);`,
};

it("answers requestClientScreenshot with a JPEG carrying EXIF, and the client's requestScreenshot with the canvas image", async () => {
  const { sim, printed } = await simulate({ camera }, { systemResourceDirs: [standIns] });
  await sim.ensure('screenshot-basic');
  await sim.ensure('camera');
  const player = await sim.connectPlayer();

  sim.executeCommand(`shoot ${player.id}`, 0);
  sim.executeCommand('shoot 99', 0); // nobody to capture: the callback never comes, as in FXServer
  player.executeCommand('png');
  player.executeCommand('plain');
  await eventually(() => expect(printed('camera')).toHaveLength(3));
  expect(printed('camera').sort()).toEqual([
    `plain data:image/jpeg;base64,${CANVAS_BASE64.jpeg}`,
    `png data:image/png;base64,${CANVAS_BASE64.png}`,
    `server false data:image/jpeg;base64,${jpegWithMetadata().toString('base64')}`,
  ]);
});
