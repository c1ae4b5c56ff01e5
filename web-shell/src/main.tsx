import { render } from 'preact';
import { deliverAppMessage, showApp } from './host/app-host';
import { listenToNui, type NuiMessage } from './nui';
import { dropFrame, refreshApps } from './state/apps';
import { receiveNotification } from './state/notifications';
import { acceptPresentedApp, presentApp, setDevice, setVisibility } from './state/phone';
import { phoneStore } from './state/phone-store';
import { Shell } from './ui/shell';
import './styles/theme.css';
import './styles/phone.css';
import './styles/lock-screen.css';
import './styles/home-screen.css';
import './styles/notifications.css';
import './styles/overlays.css';
import './styles/app-frame.css';

function handleNuiMessage(message: NuiMessage): void {
  switch (message.type) {
    case 'phone:visibility':
      return setVisibility(message.open);
    case 'phone:state':
      return setDevice(message.state);
    case 'apps:changed':
      // A closed phone fetches the list when it opens.
      if (phoneStore.get().open) void refreshApps();
      return;
    case 'app:message':
      return deliverAppMessage(message.appId, message.messageType, message.data);
    case 'app:close':
      return dropFrame(message.appId);
    case 'app:present':
      return void presentApp(message.appId, message.link);
    case 'app:accept':
      return acceptPresentedApp(message.appId);
    case 'notification':
      return receiveNotification(message.notification);
    case 'app:badge':
      return phoneStore.set((state) => {
        const { [message.appId]: _previous, ...others } = state.badges;
        return { badges: message.count > 0 ? { ...others, [message.appId]: message.count } : others };
      });
  }
}

listenToNui(handleNuiMessage);
phoneStore.subscribe(() => {
  const { open, locked, foreground, overlay } = phoneStore.get();
  showApp(open && !locked && overlay === null ? foreground : null);
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(<Shell />, root);
