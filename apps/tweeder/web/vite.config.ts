import { appPageConfig } from '../../../scripts/app-page-config.ts';

// The Tweeder page, built to dist/apps/tweeder/.
export default appPageConfig(import.meta.url, 'tweeder');
