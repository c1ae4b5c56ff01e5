import { appPageConfig } from '../../../scripts/app-page-config.ts';

// The Mail page, built to dist/apps/mail/.
export default appPageConfig(import.meta.url, 'mail');
