import { connect } from '@handset/sdk/app';
import { render } from 'preact';
import { App } from './app';
import './styles.css';

const root = document.getElementById('root')!;
try {
  // The handshake with the phone: who the app is, what it may do, the phone's theme.
  const app = await connect();
  render(<App app={app} />, root);
} catch (error) {
  // Opened outside Handset (say, straight in a browser), there is no phone to answer.
  root.textContent = error instanceof Error ? error.message : String(error);
}
