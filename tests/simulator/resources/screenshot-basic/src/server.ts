// As screenshot-basic's src/server/server.ts: requestClientScreenshot(player, options, cb) asks the player's game
// for a capture of its view, which the client uploads to the resource's HTTP handler; cb(false, data) then gets a
// data URI of the upload, or the saved path when options.fileName is given. Without a game to capture, the
// stand-in answers with a small real image of the requested encoding, carrying metadata as a camera's would.
import { writeFileSync } from 'node:fs';
import { jpegWithMetadata, pngWithMetadata, webpWithMetadata } from '../../../../fixtures/images';

const images = {
  jpg: { type: 'image/jpeg', bytes: jpegWithMetadata() },
  png: { type: 'image/png', bytes: pngWithMetadata() },
  webp: { type: 'image/webp', bytes: webpWithMetadata() },
} as const;
type Encoding = keyof typeof images;

interface Options {
  encoding?: Encoding;
  quality?: number;
  fileName?: string;
}

exports('requestClientScreenshot', (player: number | string, options: Options, cb: (error: string | false, data: string) => void) => {
  // The real export emits to the player; a player who is not there never uploads, so cb is never called.
  if (!DoesPlayerExist(player)) return;
  // An encoding the browser's canvas does not know comes out as PNG.
  const image = images[options.encoding ?? 'jpg'] ?? images.png;
  setTimeout(() => {
    if (options.fileName) {
      writeFileSync(options.fileName, image.bytes);
      cb(false, options.fileName);
      return;
    }
    cb(false, `data:${image.type};base64,${Buffer.from(image.bytes).toString('base64')}`);
  }, 20);
});
