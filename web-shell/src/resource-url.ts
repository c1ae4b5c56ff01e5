/**
 * The URL of a file in another resource, served next to this page: `https://cfx-nui-<resource>/<file>` in the
 * game, `http://cfx-nui-<resource>.p1.localhost:30120/<file>` in the sandbox (same suffix as the shell's host).
 */
export function resourceUrl(resource: string, file: string): string {
  const ownPrefix = `cfx-nui-${GetParentResourceName()}`;
  if (!location.host.startsWith(ownPrefix)) throw new Error(`the shell is served from ${location.host}, not ${ownPrefix}`);
  return `${location.protocol}//cfx-nui-${resource}${location.host.slice(ownPrefix.length)}/${file}`;
}
