import { HandsetError } from '../../../sdk/protocol/errors';
import type { Database } from '../../../sdk/server/database';
import { isAllowedImage } from '../config';
import { takeScreenshot } from './camera';
import type { MediaConfig } from './config';
import { imageType, stripMetadata } from './image';
import type { MediaStore } from './store';

/**
 * Players' photos: checked from their bytes (type by magic number, size), stripped of metadata, stored through
 * the server owner's backend, and recorded per character by URL only (`handset_core_media`), up to the cap.
 */
export class Media {
  constructor(
    private readonly db: Database,
    private readonly store: MediaStore,
    private readonly config: MediaConfig,
    private readonly imageHosts: readonly string[],
    private readonly log: (message: string) => void,
  ) {}

  /** Whether players may be shown `url`: the server owner's image hosts, and the media backend's own. */
  imageAllowed(url: string): boolean {
    return isAllowedImage(url, this.allowedHosts());
  }

  /** The hosts `imageAllowed` takes: the server owner's image hosts, and the media backend's own. */
  allowedHosts(): readonly string[] {
    const own = this.store.host();
    return own && !this.imageHosts.includes(own) ? [...this.imageHosts, own] : this.imageHosts;
  }

  /** Stores an image for the phone; refused with PAYLOAD_TOO_LARGE, INVALID_INPUT or QUOTA_EXCEEDED before anything is stored. */
  async save(phoneId: number, bytes: Uint8Array): Promise<{ id: number; url: string }> {
    if (bytes.length > this.config.maxBytes) {
      throw new HandsetError('PAYLOAD_TOO_LARGE', `the image is ${bytes.length} bytes; at most ${this.config.maxBytes}`);
    }
    const type = imageType(bytes);
    if (!type) throw new HandsetError('INVALID_INPUT', 'not a JPEG, PNG or WebP image');
    const stripped = stripMetadata(bytes, type);
    const [row] = await this.db.select<{ stored: number }>('SELECT COUNT(*) AS stored FROM handset_core_media WHERE phone_id = ?', [phoneId]);
    if (Number(row?.stored ?? 0) >= this.config.photosPerCharacter) {
      throw new HandsetError('QUOTA_EXCEEDED', `the character's photo limit (${this.config.photosPerCharacter}) is reached; delete some first`);
    }
    const { url } = await this.store.put(stripped, type, `phone-${phoneId}`);
    if (!this.imageAllowed(url)) {
      this.log(`Handset media: the backend stored a photo at ${url}, whose host handset:image_hosts does not allow; add it there`);
      throw new HandsetError('UNAVAILABLE', 'the photo was stored on a host the server does not allow for images');
    }
    const { insertId } = await this.db.run(
      'INSERT INTO handset_core_media (phone_id, url, content_type, byte_size) VALUES (?, ?, ?, ?)',
      [phoneId, url, type, stripped.length],
    );
    return { id: insertId, url };
  }

  /** Takes a photo of the player's game through screenshot-basic and stores it for their phone. */
  async capture(source: number, phoneId: number): Promise<{ id: number; url: string }> {
    const bytes = await takeScreenshot(source, this.config.camera, this.config.maxBytes, this.log);
    return this.save(phoneId, bytes);
  }
}
