/**
 * The little of GTA V's map the simulator knows: a few real places with their coordinates, the street the game
 * names there and the zone it lies in. Each player spawns at one of them; `player.moveTo` moves them.
 */

export interface Place {
  x: number;
  y: number;
  z: number;
  street: string;
  /** The zone's code, as `GetNameOfZone` answers it; its label text is in {@link ZONE_LABELS}. */
  zone: string;
}

export const PLACES: readonly Place[] = [
  { x: 195.2, y: -933.8, z: 30.7, street: 'Vespucci Blvd', zone: 'PBOX' },
  { x: 298.4, y: -584.6, z: 43.3, street: 'Strawberry Ave', zone: 'PBOX' },
  { x: -1037.7, y: -2737.6, z: 20.2, street: 'New Empire Way', zone: 'AIRP' },
  { x: -1388.8, y: -586.3, z: 30.2, street: 'Bay City Ave', zone: 'DELPE' },
  { x: 1961.5, y: 3740.1, z: 32.3, street: 'Alhambra Dr', zone: 'SANDY' },
];

export const ZONE_LABELS: Readonly<Record<string, string>> = {
  PBOX: 'Pillbox Hill',
  AIRP: 'Los Santos International Airport',
  DELPE: 'Del Perro',
  SANDY: 'Sandy Shores',
};

/** GTA's one-at-a-time hash (`GetHashKey`), as a signed 32-bit integer like the game's natives return. */
export function joaat(text: string): number {
  let hash = 0;
  for (const char of text.toLowerCase()) {
    hash = (hash + char.charCodeAt(0)) >>> 0;
    hash = (hash + (hash << 10)) >>> 0;
    hash = (hash ^ (hash >>> 6)) >>> 0;
  }
  hash = (hash + (hash << 3)) >>> 0;
  hash = (hash ^ (hash >>> 11)) >>> 0;
  hash = (hash + (hash << 15)) >>> 0;
  return hash | 0;
}

/** The known place nearest to a point on the map (height ignored). */
export function nearestPlace(x: number, y: number): Place {
  let best = PLACES[0]!;
  for (const place of PLACES) {
    if (Math.hypot(place.x - x, place.y - y) < Math.hypot(best.x - x, best.y - y)) best = place;
  }
  return best;
}

const STREETS = new Map(PLACES.map((place) => [joaat(place.street), place.street]));

/** `GetStreetNameFromHashKey`: the street's name, or '' for a hash the map does not know. */
export function streetName(hash: number): string {
  return STREETS.get(hash | 0) ?? '';
}
