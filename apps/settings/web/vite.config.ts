import { appPageConfig } from '../../../scripts/app-page-config.ts';

// The Settings page, built to dist/apps/settings/.
export default appPageConfig(import.meta.url, 'settings');
