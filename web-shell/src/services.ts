import type { ShellServices } from './host/shell-services';
import { location, request } from './nui';
import { closeApp, openApp, refreshApps, setBarColors } from './state/apps';
import { closePhone, currentSettings } from './state/phone';
import { installedApp } from './state/phone-store';
import { askCamera, askConfirm, askContact, askLocation, askPhoto, askPrompt, askShare } from './state/sheets';
import { toast } from './state/toasts';

/** What the app host answers apps' calls with: the shell's own state, sheets and NUI callbacks. */
export const shellServices: ShellServices = {
  settings: currentSettings,
  request,
  confirm: askConfirm,
  prompt: askPrompt,
  share: askShare,
  pickContact: askContact,
  capturePhoto: askCamera,
  pickPhoto: askPhoto,
  pickLocation: askLocation,
  location,
  hasApp: (appId) => installedApp(appId) !== undefined,
  toast,
  appsChanged: () => void refreshApps(),
  openApp,
  setBarColors,
  closeApp,
  closePhone,
};
