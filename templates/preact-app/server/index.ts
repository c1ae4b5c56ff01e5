// The app's server side: it runs in FXServer (Node 22) as this resource's server script, dist/server.js.
import { registerApp } from '@handset/sdk/server';
import { z } from 'zod';

// Registers the app with Handset; players then find it in the phone's app store. `ui` and `icon` are files of
// this resource, listed in fxmanifest.lua's `files`. The id must be unique on the server: change it in your copy.
const app = registerApp({
  id: 'template_app',
  label: 'Template',
  icon: 'dist/web/icon.svg',
  color: '#5e5ce6',
  ui: 'dist/web/index.html',
  permissions: ['notifications', 'storage'],
});

// The page's `app.request('greet', { name })` lands here. The schema parses the payload first: anything else is
// answered INVALID_INPUT without running the handler. What the handler returns is the page's answer.
app.onRequest('greet', z.object({ name: z.string().trim().min(1).max(32) }), (_context, { name }) => ({
  text: `Hello, ${name}!`,
}));

// Answers at once, then pushes a message to the open app, which receives it with `app.onMessage('pong', …)`.
// `source` is the player who asked: Handset takes it from the network event, never from the payload.
app.onRequest('ping', z.object({}), ({ source }) => {
  setTimeout(() => app.sendAppMessage(source, 'pong', { at: Date.now() }), 50);
  return { sent: true };
});
