// Zod-free: the shell and app pages both place icons and frames of other resources.

/** A relative image path inside an app's resource. */
const IMAGE_PATH = /^(?!\/)(?!.*\.\.)[\w\-./]+\.(?:png|svg|webp|jpe?g)$/i;

/**
 * The URL of `file` in `resource`, served next to this page: `https://cfx-nui-<resource>/<file>` in the game, with
 * this page's host suffix in the sandbox (`http://cfx-nui-<resource>.p1.localhost:30120/<file>`).
 *
 * @example
 * resourceFileUrl('bank', 'web/icon.svg'); // 'https://cfx-nui-bank/web/icon.svg' in the game
 */
export function resourceFileUrl(resource: string, file: string): string {
  const dot = location.host.indexOf('.');
  return `${location.protocol}//cfx-nui-${resource}${dot < 0 ? '' : location.host.slice(dot)}/${file}`;
}

/**
 * Where an app's icon image is: an https URL as it is, an image path inside its resource next to this page; null
 * when the icon is not an image (show the app's letter instead).
 *
 * @example
 * const src = appIconUrl({ icon: 'web/icon.svg', resource: 'bank' });
 */
export function appIconUrl({ icon, resource }: { icon: string; resource: string }): string | null {
  if (icon.startsWith('https://')) return icon;
  return IMAGE_PATH.test(icon) ? resourceFileUrl(resource, icon) : null;
}
