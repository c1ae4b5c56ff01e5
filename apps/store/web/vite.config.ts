import { appPageConfig } from '../../../scripts/app-page-config.ts';

// The App Store page, built to dist/apps/store/.
export default appPageConfig(import.meta.url, 'store');
