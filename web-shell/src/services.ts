import type { ShellServices } from './host/shell-services';
import { request } from './nui';
import { closeApp, openApp } from './state/apps';
import { closePhone, currentSettings } from './state/phone';
import { askConfirm, askContact, askPrompt, askShare } from './state/sheets';

/** What the app host answers apps' calls with: the shell's own state, sheets and NUI callbacks. */
export const shellServices: ShellServices = {
  settings: currentSettings,
  request,
  confirm: askConfirm,
  prompt: askPrompt,
  share: askShare,
  pickContact: askContact,
  openApp,
  closeApp,
  closePhone,
};
