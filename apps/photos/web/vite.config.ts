import { appPageConfig } from '../../../scripts/app-page-config.ts';

// The Photos page, built to dist/apps/photos/.
export default appPageConfig(import.meta.url, 'photos');
