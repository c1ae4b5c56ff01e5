import { mountApp } from '@handset/sdk/ui';
import { App } from './app';
import '@handset/sdk/ui/base.css';
import './styles.css';

await mountApp(App, document.getElementById('root')!);
