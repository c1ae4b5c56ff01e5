/**
 * The pushes the Photos server sends its open page (`app.sendAppMessage`), shared by both sides; no imports, so
 * the page bundles only these names.
 */

/** A photo was stored in the player's gallery (by the page, or by the phone's camera); its data is the `Photo`. */
export const PHOTO_ADDED = 'photos.added';
