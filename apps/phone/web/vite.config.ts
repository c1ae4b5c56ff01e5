import { appPageConfig } from '../../../scripts/app-page-config.ts';

// The Phone page, built to dist/apps/phone/.
export default appPageConfig(import.meta.url, 'phone');
