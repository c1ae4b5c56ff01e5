import { defineMessages } from '@handset/sdk/i18n';

/** What a banner says a message carries, in the recipient's language (a text's banner is its start). */
export const bannerWords = defineMessages(
  { photo: '📷 Photo', location: '📍 Location', contact: '👤 Contact' },
  { es: { photo: '📷 Foto', location: '📍 Ubicación', contact: '👤 Contacto' }, de: { photo: '📷 Foto', location: '📍 Standort', contact: '👤 Kontakt' } },
);
