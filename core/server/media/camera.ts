import { z } from 'zod';
import { HandsetError } from '../../../sdk/protocol/errors';
import type { MediaConfig } from './config';

// The CitizenFX globals used here, declared in this module so that tests outside the game type-check it.
declare const exports: Record<string, unknown>;
declare function GetResourceState(resourceName: string): string;

const RESOURCE = 'screenshot-basic';
/** How long the player's game may take to capture and send the screenshot, inside the request's 10 s. */
export const SCREENSHOT_TIMEOUT_MS = 3000;

/** What screenshot-basic hands the server: the upload as a data URI (the player's game made it, so it is checked). */
const dataUriSchema = z.string().regex(/^data:image\/[a-z]+;base64,([A-Za-z0-9+/]*={0,2})$/);
/** The longest `data:image/<type>;base64,` screenshot-basic writes (`image/jpeg`, `image/webp`) and then some. */
const DATA_URI_PREFIX_LENGTH = 32;

type RequestClientScreenshot = (
  player: number,
  options: { encoding: string; quality: number },
  callback: (error: string | false, data: string) => void,
) => void;

/**
 * Takes a screenshot of `source`'s game through screenshot-basic's server export `requestClientScreenshot`
 * (the player's client uploads it to screenshot-basic's own HTTP handler, never through a net event).
 * Resolves to the image's bytes, at most `maxBytes`.
 */
export function takeScreenshot(source: number, camera: MediaConfig['camera'], maxBytes: number, log: (message: string) => void): Promise<Uint8Array> {
  if (GetResourceState(RESOURCE) !== 'started') {
    log(`Handset camera: ${RESOURCE} is not started; add "ensure ${RESOURCE}" to server.cfg`);
    throw new HandsetError('UNAVAILABLE', `the camera needs ${RESOURCE}: the server owner must ensure ${RESOURCE} in server.cfg`);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new HandsetError('TIMEOUT', 'the game sent no photo in time')), SCREENSHOT_TIMEOUT_MS);
    const done = (error: string | false, data: unknown) => {
      clearTimeout(timer);
      if (error) {
        log(`Handset camera: ${RESOURCE} failed to take player ${source}'s photo: ${error}`);
        reject(new HandsetError('UNAVAILABLE', 'the camera could not take the photo'));
        return;
      }
      // The length first, so an oversize upload is refused before it is scanned or decoded.
      if (typeof data === 'string' && data.length > DATA_URI_PREFIX_LENGTH + Math.ceil(maxBytes / 3) * 4) {
        reject(new HandsetError('PAYLOAD_TOO_LARGE', `the photo is larger than ${maxBytes} bytes`));
        return;
      }
      const parsed = dataUriSchema.safeParse(data);
      if (!parsed.success) {
        reject(new HandsetError('INVALID_INPUT', 'the camera sent something that is not an image'));
        return;
      }
      resolve(new Uint8Array(Buffer.from(parsed.data.slice(parsed.data.indexOf(',') + 1), 'base64')));
    };
    try {
      const screenshotBasic = exports[RESOURCE] as unknown as { requestClientScreenshot: RequestClientScreenshot };
      screenshotBasic.requestClientScreenshot(source, { encoding: camera.encoding, quality: camera.quality }, done);
    } catch (error) {
      clearTimeout(timer);
      // "No such export requestClientScreenshot": a fork or a different resource under the same name.
      // Read as a plain property: the error comes from the exports proxy, which may be another realm's Error.
      const message = String((error as { message?: unknown } | null)?.message ?? error);
      log(`Handset camera: ${message}; install citizenfx/screenshot-basic, which exports requestClientScreenshot`);
      reject(new HandsetError('UNAVAILABLE', `${RESOURCE} has no requestClientScreenshot export: the server owner must install citizenfx/screenshot-basic`));
    }
  });
}
