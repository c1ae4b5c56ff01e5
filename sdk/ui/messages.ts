import { defineMessages } from '../i18n';

/** The kit's own words: what its pieces say when the app gives no label. */
export const kitMessages = defineMessages(
  { search: 'Search', clear: 'Clear', actions: 'Actions', cancel: 'Cancel', tryAgain: 'Try again' },
  {
    es: { search: 'Buscar', clear: 'Borrar', actions: 'Acciones', cancel: 'Cancelar', tryAgain: 'Reintentar' },
    de: { search: 'Suchen', clear: 'Löschen', actions: 'Aktionen', cancel: 'Abbrechen', tryAgain: 'Erneut versuchen' },
  },
);
