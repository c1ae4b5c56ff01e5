import { appPageConfig } from '../../../scripts/app-page-config.ts';

// The Messages page, built to dist/apps/messages/.
export default appPageConfig(import.meta.url, 'messages');
