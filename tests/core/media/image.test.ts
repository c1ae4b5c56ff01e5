import { describe, expect, it } from 'vitest';
import { imageType, stripMetadata } from '../../../core/server/media/image';
import { HandsetError } from '../../../sdk/protocol/errors';
import { CANVAS, jpegWithMetadata, pngWithMetadata, SECRET, webpWithMetadata } from '../../fixtures/images';

const contains = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));

describe('imageType', () => {
  it('knows JPEG, PNG and WebP by their magic numbers', () => {
    expect(imageType(CANVAS.jpeg)).toBe('image/jpeg');
    expect(imageType(CANVAS.png)).toBe('image/png');
    expect(imageType(CANVAS.webp)).toBe('image/webp');
  });

  it('refuses anything else, whatever it claims to be', () => {
    expect(imageType(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull();
    expect(imageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageType(Buffer.from('RIFF\x00\x00\x00\x00WAVE', 'latin1'))).toBeNull();
    expect(imageType(new Uint8Array())).toBeNull();
  });
});

describe('stripMetadata', () => {
  it("removes a JPEG's EXIF APP1, IPTC APP13 and comment, and keeps the picture byte for byte", () => {
    const marked = jpegWithMetadata();
    expect(contains(marked, SECRET)).toBe(true);
    const stripped = stripMetadata(marked, 'image/jpeg');
    expect(contains(stripped, SECRET)).toBe(false);
    expect(contains(stripped, 'Exif')).toBe(false);
    expect(Buffer.from(stripped).equals(CANVAS.jpeg)).toBe(true);
  });

  it("removes a PNG's text and EXIF chunks, and keeps every other chunk", () => {
    const stripped = stripMetadata(pngWithMetadata(), 'image/png');
    expect(Buffer.from(stripped).equals(CANVAS.png)).toBe(true);
  });

  it("removes a WebP's EXIF and XMP chunks, clears their flags and fixes the RIFF size", () => {
    const stripped = Buffer.from(stripMetadata(webpWithMetadata(), 'image/webp'));
    expect(contains(stripped, SECRET)).toBe(false);
    expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8);
    expect(stripped.subarray(12, 16).toString('latin1')).toBe('VP8X');
    expect(stripped[20]).toBe(0); // VP8X flags: no EXIF, no XMP
    // What follows the extended header is the picture exactly as Chromium encoded it.
    expect(stripped.subarray(30).equals(CANVAS.webp.subarray(12))).toBe(true);
  });

  it('leaves images without metadata as they are', () => {
    expect(Buffer.from(stripMetadata(CANVAS.jpeg, 'image/jpeg')).equals(CANVAS.jpeg)).toBe(true);
    expect(Buffer.from(stripMetadata(CANVAS.png, 'image/png')).equals(CANVAS.png)).toBe(true);
    expect(Buffer.from(stripMetadata(CANVAS.webp, 'image/webp')).equals(CANVAS.webp)).toBe(true);
  });

  it('refuses a damaged image with INVALID_INPUT', () => {
    expect(() => stripMetadata(CANVAS.jpeg.subarray(0, 30), 'image/jpeg')).toThrow(new HandsetError('INVALID_INPUT', 'the jpg image is damaged'));
    expect(() => stripMetadata(CANVAS.png.subarray(0, CANVAS.png.length - 12), 'image/png')).toThrow(
      new HandsetError('INVALID_INPUT', 'the png image is damaged'),
    );
    expect(() => stripMetadata(CANVAS.webp.subarray(0, 40), 'image/webp')).toThrow(new HandsetError('INVALID_INPUT', 'the webp image is damaged'));
  });
});
