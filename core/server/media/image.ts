import { HandsetError } from '../../../sdk/protocol/errors';

/** The image types Handset stores, recognised from their bytes. */
export const IMAGE_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const;
export type ImageType = keyof typeof IMAGE_TYPES;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, index) => bytes[index] === byte);

/** The type the magic number says, whatever the file is called; null when it is none Handset stores. */
export function imageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

const damaged = (type: ImageType) => new HandsetError('INVALID_INPUT', `the ${IMAGE_TYPES[type]} image is damaged`);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// JFIF (APP0), ICC colour profiles (APP2) and Adobe's colour transform (APP14) change how the picture decodes;
// every other APP segment (EXIF and XMP in APP1, IPTC in APP13, maker data) and comments only describe it.
const JPEG_KEPT_APP = new Set([0xe0, 0xe2, 0xee]);

function stripJpeg(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 2 <= bytes.length) {
    if (bytes[at] !== 0xff) throw damaged('image/jpeg');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    // From the start of scan on, the rest is entropy-coded picture data and the end marker.
    if (marker === 0xda || marker === 0xd9) return concat([...parts, bytes.subarray(at)]);
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) break;
    const end = at + 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
    if (end > bytes.length || end < at + 4) break;
    const isMetadata = (marker >= 0xe0 && marker <= 0xef && !JPEG_KEPT_APP.has(marker)) || marker === 0xfe;
    if (!isMetadata) parts.push(bytes.subarray(at, end));
    at = end;
  }
  throw damaged('image/jpeg');
}

// Text, EXIF and time chunks carry metadata only; every other chunk is needed to decode or colour the picture.
const PNG_METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const end = at + 12 + view.getUint32(at);
    if (end > bytes.length) break;
    const type = ascii(bytes, at + 4, 4);
    if (!PNG_METADATA_CHUNKS.has(type)) parts.push(bytes.subarray(at, end));
    if (type === 'IEND') return concat(parts);
    at = end;
  }
  throw damaged('image/png');
}

const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

function stripWebp(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= bytes.length) {
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2); // chunks are padded to an even size
    if (end > bytes.length) throw damaged('image/webp');
    const type = ascii(bytes, at, 4);
    if (type === 'VP8X') {
      // The extended header announces EXIF and XMP chunks; it must not announce the ones removed.
      const header = bytes.slice(at, end);
      header[8] = header[8]! & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
      parts.push(header);
    } else if (type !== 'EXIF' && type !== 'XMP ') {
      parts.push(bytes.subarray(at, end));
    }
    at = end;
  }
  if (at !== bytes.length || parts.length === 0) throw damaged('image/webp');
  const body = concat(parts);
  const head = new Uint8Array(12);
  head.set(bytes.subarray(0, 12));
  new DataView(head.buffer).setUint32(4, body.length + 4, true);
  return concat([head, body]);
}

/**
 * The image without what describes it (EXIF with GPS position and camera, XMP, IPTC, text): players' photos
 * are shown to other players. Pure JS, since FXServer cannot load native addons. Throws INVALID_INPUT when the
 * structure is damaged.
 */
export function stripMetadata(bytes: Uint8Array, type: ImageType): Uint8Array {
  if (type === 'image/jpeg') return stripJpeg(bytes);
  if (type === 'image/png') return stripPng(bytes);
  return stripWebp(bytes);
}
