import { render } from 'preact';
import { connect } from '../../../../sdk/app';
import { App } from './app';
import '../../../../sdk/ui/base.css';
import './styles.css';

const root = document.getElementById('root')!;
try {
  // The handshake: the phone's theme, the player's grants and the deep link the app was opened with.
  const app = await connect();
  render(<App app={app} />, root);
} catch (error) {
  // Opened outside the phone (straight in a browser), nothing answers the handshake.
  root.textContent = error instanceof Error ? error.message : String(error);
}
