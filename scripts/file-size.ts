/** A file size for build and package listings, e.g. `458 B` or `75.8 kB`. */
export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}
