import { initialsOf } from '../format';
import { GroupIcon, PersonIcon } from './icons';

/** A thread's or a person's badge: the group glyph, a name's initials, or the person glyph for a bare number. */
export function Avatar({ name, group = false, size }: { name: string; group?: boolean; size: 'row' | 'small' | 'large' }) {
  const initials = group ? '' : initialsOf(name);
  return (
    <span class={`avatar avatar-${size}`} aria-hidden="true">
      {group ? <GroupIcon /> : initials || <PersonIcon />}
    </span>
  );
}
