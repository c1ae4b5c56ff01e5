import { describe, expect, it } from 'vitest';
import { manifest, simulationPerTest } from '../support/simulation.js';

const simulate = simulationPerTest();

// As FXServer's SetHttpHandler: the path comes without the resource prefix, the body arrives whole through the
// data handler (as text, or as an ArrayBuffer with 'binary'), and writeHead/write/send make the answer.
const echo = {
  'fxmanifest.lua': manifest(`server_script 'server.js'`),
  'server.js': `
    SetHttpHandler((req, res) => {
      req.setDataHandler((body) => {
        res.writeHead(201, { 'Content-Type': 'application/json', 'X-Path': req.path });
        res.write(JSON.stringify({ method: req.method, path: req.path, size: body.byteLength, first: new Uint8Array(body)[0] }));
        res.send(new Uint8Array([10]));
      }, 'binary');
    });`,
};

describe('SetHttpHandler', () => {
  it("routes a request to the resource's handler with FXServer's request and response shape", async () => {
    const { sim } = await simulate({ echo });
    await sim.ensure('echo');

    const answer = await sim.http.request('echo', { method: 'POST', path: '/upload/abc?x=1', body: new Uint8Array([7, 8, 9]) });
    expect(answer.status).toBe(201);
    expect(answer.headers).toEqual({ 'Content-Type': 'application/json', 'X-Path': '/upload/abc?x=1' });
    expect(answer.body.toString('utf8')).toBe('{"method":"POST","path":"/upload/abc?x=1","size":3,"first":7}\n');
  });

  it('answers 404 for a resource without a handler, and once the resource stopped', async () => {
    const { sim } = await simulate({ echo, quiet: { 'fxmanifest.lua': manifest(`server_script 'server.js'`), 'server.js': '' } });
    await sim.ensure('echo');
    await sim.ensure('quiet');

    await expect(sim.http.request('quiet', { path: '/' })).resolves.toMatchObject({ status: 404 });
    await sim.stop('echo');
    await expect(sim.http.request('echo', { path: '/' })).resolves.toMatchObject({ status: 404 });
  });
});
