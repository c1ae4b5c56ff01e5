import { appPageConfig } from '../../../scripts/app-page-config.ts';

// The Cloutgram page, built to dist/apps/cloutgram/.
export default appPageConfig(import.meta.url, 'cloutgram');
