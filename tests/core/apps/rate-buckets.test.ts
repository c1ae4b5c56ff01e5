import { describe, expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase } from '../../support/handset';

const startHandset = handsetPerTest();

onEachDatabase((open) => {
  describe('request rate buckets', () => {
    it("keep an app's flood, its storage calls included, to its own bucket: the phone's own actions still answer", async () => {
      const simulation = await startHandset({ database: await open() });
      const { page } = await connectWithPhone(simulation);
      // What a frame's app.storage.get becomes: a core action on the app's behalf.
      const storageGet = () => nui(page, 'request', { appId: 'handset', action: 'storage.get', payload: { appId: 'contacts', key: 'draft' } });
      // One burst, charged as it arrives: the app's own request comes after its storage calls have spent its bucket;
      // the phone's own list, after both, still answers from the phone's bucket.
      const answers = await Promise.all([
        ...Array.from({ length: 45 }, storageGet),
        nui(page, 'request', { appId: 'contacts', action: 'contacts.list', payload: {} }),
        nui(page, 'request', { appId: 'handset', action: 'apps.list' }),
      ]);
      const ownList = answers.pop();
      const appRequest = answers.pop();
      const codes = answers.map((answer) => (answer['ok'] ? 'ok' : (answer['error'] as { code: string }).code));
      expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(10);
      expect(new Set(codes.filter((code) => code !== 'RATE_LIMITED'))).toEqual(new Set(['FORBIDDEN']));
      expect(appRequest).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: 'too many requests; slow down' } });
      expect(ownList).toMatchObject({ ok: true });
    });
  });
});
