import { useEffect, useState } from 'preact/hooks';
import { Avatar, BackIcon, EmptyState, ErrorNotice, MoreIcon, NavBar, useTranslator } from '@handset/sdk/ui';
import { errorText, type FeedPage, type Profile, type Relation, type TweederApi } from '../tweeder-api';
import { Feed, type Changes } from './feed';
import type { PostActions } from './post';
import { messages } from '../messages';

type ProfileTab = 'posts' | 'replies' | 'media' | 'likes';
const TABS: ProfileTab[] = ['posts', 'replies', 'media', 'likes'];

export interface ProfileScreenProps {
  api: TweederApi;
  id: number;
  changes: Changes;
  actions: PostActions;
  now: number;
  locale: string;
  /** Null on the Profile tab: there is nothing to go back to. */
  onBack: (() => void) | null;
  onEdit(): void;
  onSettings(): void;
  onRequests(): void;
  onList(kind: 'followers' | 'following', profile: Profile): void;
  onMenu(profile: Profile, changed: (relation: Relation) => void): void;
}

/** An account's page: who they are, how the player stands with them, and their posts by tab. */
export function ProfileScreen({ api, id, changes, actions, now, locale, onBack, onEdit, onSettings, onRequests, onList, onMenu }: ProfileScreenProps) {
  const t = useTranslator(messages);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<ProfileTab>('posts');
  const [busy, setBusy] = useState(false);

  const load = () => {
    setError(null);
    api.request('profiles.get', { id }).then(setProfile, (failure) => setError(errorText(failure, t)));
  };
  useEffect(load, [id]);

  const follow = async () => {
    if (!profile) return;
    setBusy(true);
    try {
      const relation = await api.request(profile.relation.following === 'no' ? 'follows.follow' : 'follows.unfollow', { id: profile.id });
      load();
      setProfile({ ...profile, relation });
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const back = onBack && (
    <button type="button" class="icon-button" aria-label={t('back')} onClick={onBack}>
      <BackIcon />
    </button>
  );
  if (!profile) {
    return (
      <section class={onBack ? 'screen pushed' : 'screen'} aria-label={t('profile')}>
        <NavBar leading={back} title={t('profile')} />
        {error ? <ErrorNotice message={error} onRetry={load} /> : <p class="placeholder">{t('loading')}</p>}
      </section>
    );
  }
  const followLabel = profile.relation.blocking ? null : profile.relation.following === 'yes' ? t('following') : profile.relation.following === 'requested' ? t('requested') : t('follow');
  const numbers = new Intl.NumberFormat(locale);
  const load_ = (cursor: number | null): Promise<FeedPage> => api.request('profiles.posts', { id: profile.id, tab, limit: 20, ...(cursor !== null && { cursor }) });
  return (
    <section class={onBack ? 'screen pushed' : 'screen'} aria-label={`@${profile.handle}`}>
      <NavBar
        leading={back}
        title={profile.displayName}
        trailing={
          profile.me ? (
            <button type="button" class="text-button" onClick={onSettings}>
              {t('settings')}
            </button>
          ) : (
            <button type="button" class="icon-button" aria-label={t('profileActions')} onClick={() => onMenu(profile, (relation) => setProfile({ ...profile, relation }))}>
              <MoreIcon />
            </button>
          )
        }
      />
      <div class="scroll">
        <header class="profile-header">
          <Avatar name={profile.displayName} imageUrl={profile.avatar} size="large" />
          <h1 class="profile-name">
            {profile.displayName}
            {profile.verified && (
              <span class="verified" role="img" aria-label={t('verified')}>
                ✓
              </span>
            )}
          </h1>
          <p class="handle">
            @{profile.handle}
            {profile.relation.followsYou && <span class="tag">{t('followsYou')}</span>}
            {profile.private && <span class="tag">{t('private')}</span>}
          </p>
          {profile.bio && <p class="bio">{profile.bio}</p>}
          <p class="counts">
            <button type="button" class="link" onClick={() => onList('following', profile)}>
              <strong>{numbers.format(profile.following)}</strong> {t('following')}
            </button>
            <button type="button" class="link" onClick={() => onList('followers', profile)}>
              <strong>{numbers.format(profile.followers)}</strong> {t('followers')}
            </button>
          </p>
          {error && (
            <p class="notice" role="alert">
              {error}
            </p>
          )}
          {profile.me ? (
            <div class="profile-buttons">
              <button type="button" class="secondary" onClick={onEdit}>
                {t('editProfile')}
              </button>
              {profile.private && (
                <button type="button" class="secondary" onClick={onRequests}>
                  {t('followRequests')}
                </button>
              )}
            </div>
          ) : (
            followLabel && (
              <button type="button" class={profile.relation.following === 'no' ? 'primary' : 'secondary'} disabled={busy} onClick={() => void follow()}>
                {followLabel}
              </button>
            )
          )}
          {profile.relation.blocking && <p class="hint">{t('youBlocked', { handle: profile.handle })}</p>}
        </header>
        {profile.visible ? (
          <>
            <div class="segments" role="tablist" aria-label={t('profileTabs')}>
              {TABS.map((value) => (
                <button key={value} type="button" role="tab" aria-selected={tab === value} onClick={() => setTab(value)}>
                  {t(value)}
                </button>
              ))}
            </div>
            <Feed
              live={null}
              load={load_}
              loadKey={`${profile.id}:${tab}`}
              changes={changes}
              actions={actions}
              now={now}
              locale={locale}
              empty={{ title: t('nothingYet'), message: tab === 'likes' ? t('likedPostsHere') : t('postsHere') }}
            />
          </>
        ) : (
          <EmptyState title={t('protectedTitle')} message={t('protectedMessage', { handle: profile.handle })} />
        )}
      </div>
    </section>
  );
}
