// The app's actions, declared once for both sides: the server serves them (server/index.ts) and the page calls
// them (web/src/app.tsx, which imports this file's types only, so zod stays out of the page).
import { action, defineContract } from '@handset/sdk/contract';
import { z } from 'zod';

export const templateContract = defineContract({
  // The schema parses the payload first: anything else is answered INVALID_INPUT without running the handler.
  greet: action(z.object({ name: z.string().trim().min(1).max(32) })).answers<{ text: string }>(),
  ping: action(z.object({})).answers<{ sent: boolean }>(),
});
