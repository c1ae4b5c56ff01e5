import { useState } from 'preact/hooks';
import { PhotoIcon, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

/**
 * A photo by its URL, sent with no referrer (the image host learns nothing about the phone); a glyph in its place
 * when it fails to load.
 */
export function PhotoImage({ url, class: className }: { url: string; class: string }) {
  const t = useTranslator(messages);
  const [brokenUrl, setBrokenUrl] = useState<string | null>(null);
  if (brokenUrl === url) {
    return (
      <span class={`${className} broken`} role="img" aria-label={t('photoUnavailable')}>
        <PhotoIcon />
      </span>
    );
  }
  return <img class={className} src={url} alt="" draggable={false} loading="lazy" decoding="async" referrerpolicy="no-referrer" onError={() => setBrokenUrl(url)} />;
}
