import { defineMessages } from '@handset/sdk/i18n';

/** What the Phone's server writes to a player (a banner), in their language. */
export const bannerWords = defineMessages({ missedCall: 'Missed call' }, { es: { missedCall: 'Llamada perdida' }, de: { missedCall: 'Verpasster Anruf' } });
