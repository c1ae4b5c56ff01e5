import { mountApp } from '@handset/sdk/ui';
import { App } from './app';
import './styles.css';

// The handshake with the phone (who the app is, what it may do, the phone's theme), then the page. Opened outside
// Handset (say, straight in a browser), there is no phone to answer, and the page says so instead.
await mountApp(App, document.getElementById('root')!);
