import { useState } from 'preact/hooks';
import { PersonIcon } from './icons';

export interface AvatarPerson {
  firstName: string;
  lastName: string;
  displayName: string;
  avatarUrl: string | null;
}

/** Up to two capitals: first and last name's, else the display name's first two words'. */
export function initialsOf(person: AvatarPerson): string {
  const words = [person.firstName, person.lastName].filter((word) => word.trim() !== '');
  const source = words.length > 0 ? words : person.displayName.trim().split(/\s+/).slice(0, 2);
  // Array.from keeps a letter outside the BMP whole.
  return source.map((word) => Array.from(word.trim())[0] ?? '').join('').toUpperCase();
}

/** The contact's photo, or their initials on grey (also when the photo does not load). */
export function Avatar({ person, size }: { person: AvatarPerson; size: 'row' | 'large' }) {
  const [brokenUrl, setBrokenUrl] = useState<string | null>(null);
  const url = person.avatarUrl?.startsWith('https://') ? person.avatarUrl : null;
  const initials = initialsOf(person);
  return (
    <span class={`avatar avatar-${size}`} aria-hidden="true">
      {url && url !== brokenUrl ? (
        <img src={url} alt="" draggable={false} referrerpolicy="no-referrer" onError={() => setBrokenUrl(url)} />
      ) : initials ? (
        initials
      ) : (
        <PersonIcon />
      )}
    </span>
  );
}
