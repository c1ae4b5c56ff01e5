import { useCallback, useEffect } from 'preact/hooks';
import { Avatar, EmptyState, ErrorNotice, usePaged, useTranslator } from '@handset/sdk/ui';
import { errorText, notificationText, type NotificationGroup, type TweederApi } from '../tweeder-api';
import { messages } from '../messages';

export interface NotificationsProps {
  api: TweederApi;
  /** Bumped by each `notifications.changed` push: the list loads again. */
  version: number;
  onRead(): void;
  onOpen(group: NotificationGroup): void;
}

/** The player's notifications, grouped; seeing them marks them read. */
export function Notifications({ api, version, onRead, onOpen }: NotificationsProps) {
  const t = useTranslator(messages);
  const paged = usePaged<NotificationGroup, number>(
    useCallback(async (cursor) => {
      const page = await api.request('notifications.list', { limit: 20, ...(cursor !== null && { cursor }) });
      return { items: page.groups, next: page.cursor };
    }, [version]),
  );
  const unread = paged.items.some((group) => !group.read);
  useEffect(() => {
    if (unread) api.request('notifications.read', {}).then(onRead, () => {});
  }, [unread]);
  return (
    <div class="notifications">
      {paged.error !== null && <ErrorNotice message={errorText(paged.error, t)} onRetry={paged.reload} />}
      {paged.items.length === 0 && !paged.loading && paged.error === null && <EmptyState title={t('noNotifications')} message={t('noNotificationsHint')} />}
      <ul class="list-rows">
        {paged.items.map((group) => (
          <li key={group.id} class={group.read ? 'notification' : 'notification unread'}>
            <button type="button" onClick={() => onOpen(group)}>
              <span class="notification-avatars">
                {group.actors.map((actor) => (
                  <Avatar key={actor.id} name={actor.displayName} imageUrl={actor.avatar} size="small" />
                ))}
              </span>
              <span class="notification-text">{notificationText(group, t)}</span>
              {group.post && <span class="notification-post">{group.post.text}</span>}
            </button>
          </li>
        ))}
      </ul>
      {paged.loading && <p class="placeholder">{t('loading')}</p>}
      {!paged.loading && !paged.done && paged.items.length > 0 && (
        <button type="button" class="more" onClick={paged.loadMore}>
          {t('more')}
        </button>
      )}
    </div>
  );
}
