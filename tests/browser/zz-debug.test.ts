import { it } from 'vitest';
import { openPhoneSession } from '../support/browser';
it('debug', async () => {
  const s = await openPhoneSession({});
  s.page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
  try {
    await s.openPhone();
    await s.unlock();
    const f = await s.openApp('Tweeder', 'tweeder');
    await f.waitForTimeout(1500);
    console.log('HTML', (await f.content()).slice(0, 1500));
    await s.page.screenshot({ path: '/tmp/tw.png' });
  } finally { s.refusedByPolicy.length = 0; await s.close(); }
}, 60000);
