import type { Plugin } from 'vite';

/** Where the sandbox serves other resources' pages and icons (`http://cfx-nui-<resource>.p<player>.localhost`); the game serves them on https. */
const SANDBOX_ORIGINS = 'http://*.localhost:*';

/**
 * The shell's policy: its own scripts and styles only, so an injected `<script>` or `onerror=` never runs; images
 * and sounds from any https host (the owner's image allowlist is enforced on the server); app frames on their
 * resources' https origins; fetches to NUI callbacks (`https://<resource>/<name>`).
 */
export const SHELL_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  `img-src 'self' https: data: blob: ${SANDBOX_ORIGINS}`,
  `media-src 'self' https: data: blob: ${SANDBOX_ORIGINS}`,
  "font-src 'self' data:",
  `frame-src 'self' https: ${SANDBOX_ORIGINS}`,
  "connect-src 'self' https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** A built-in app page's policy: as the shell's, and it fetches nothing (it speaks to the phone over its port only). */
export const APP_PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Other resources' icons, as the App Store shows them (in the sandbox they are http).
  `img-src 'self' https: data: blob: ${SANDBOX_ORIGINS}`,
  "media-src 'self' https: data: blob:",
  "font-src 'self' data:",
  "frame-src 'none'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Writes `policy` as the built page's first `<meta>` after its charset: a policy applies only to what follows it. */
export function contentSecurityPolicy(policy: string): Plugin {
  return {
    name: 'handset-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const charset = /<meta charset="utf-8" \/>/i.exec(html);
        if (!charset) throw new Error('index.html needs <meta charset="utf-8" /> in its <head> for the security policy to follow');
        const at = charset.index + charset[0].length;
        return `${html.slice(0, at)}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />${html.slice(at)}`;
      },
    },
  };
}
