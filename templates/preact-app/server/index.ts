// The app's server side: it runs in FXServer (Node 22) as this resource's server script, dist/server.js.
import { registerApp } from '@handset/sdk/server';
import { templateContract } from '../contract';

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

// Every action of the contract gets its handler (one missing does not compile). The page's
// `api.request('greet', { name })` lands in `greet`, with the payload already parsed by the contract's schema; what
// a handler returns is the page's answer. `source` is the player who asked: Handset takes it from the network
// event, never from the payload.
app.serve(templateContract, {
  greet: (_context, { name }) => ({ text: `Hello, ${name}!` }),
  // Answers at once, then pushes a message to the open app, which receives it with `app.onMessage('pong', …)`.
  ping: ({ source }) => {
    setTimeout(() => app.sendAppMessage(source, 'pong', { at: Date.now() }), 50);
    return { sent: true };
  },
});
