import { appPageConfig } from '../../../scripts/app-page-config.ts';

// The Contacts page, built to dist/apps/contacts/.
export default appPageConfig(import.meta.url, 'contacts');
