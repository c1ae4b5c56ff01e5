import type { AppAccess } from './apps/access';
import type { Badges } from './apps/badges';
import type { AppRegistry } from './apps/registry';
import type { RequestBridge } from './apps/request-bridge';
import type { Config } from './config';
import type { DeviceState } from './device/device-state';
import type { IdentityService } from './identity/identity.service';
import type { Media } from './media/media';
import type { Notifications } from './notifications/notifications';
import type { AppStorage } from './storage/app-storage';
import type { Database } from '../../sdk/server/database';

/** The services that need the database; they exist once it is migrated and identity is running. */
export interface Services {
  db: Database;
  identity: IdentityService;
  device: DeviceState;
  access: AppAccess;
  notifications: Notifications;
  badges: Badges;
  storage: AppStorage;
  media: Media;
}

/** The core as the exports and net events see it: what works from the first line, and the rest once started. */
export interface Core {
  config: Config;
  registry: AppRegistry;
  bridge: RequestBridge;
  badges: Badges;
  /** Resolves when start finished; rejects when it failed. */
  ready: Promise<Services>;
  /** The started services, or undefined before start finished (exports that answer from memory use this). */
  started(): Services | undefined;
}
