// As screenshot-basic's src/client/client.ts: requestScreenshot(options?, cb) hands cb a data URI of the game's
// view (options may be left out: then it is a JPEG). Without a game, the stand-in answers the canvas image of
// the requested encoding. requestScreenshotUpload is left out: its upload is made by the resource's NUI page,
// which the stand-in does not have.
import { CANVAS_BASE64 } from '../../../../fixtures/canvas-images';

const images = {
  jpg: `data:image/jpeg;base64,${CANVAS_BASE64.jpeg}`,
  png: `data:image/png;base64,${CANVAS_BASE64.png}`,
  webp: `data:image/webp;base64,${CANVAS_BASE64.webp}`,
} as const;

type Callback = (dataUri: string) => void;

exports('requestScreenshot', (options: { encoding?: keyof typeof images } | Callback, cb?: Callback) => {
  const callback = cb ?? (options as Callback);
  const encoding = cb ? ((options as { encoding?: keyof typeof images }).encoding ?? 'jpg') : 'jpg';
  // An encoding the browser's canvas does not know comes out as PNG.
  setTimeout(() => callback(images[encoding] ?? images.png), 20);
});
