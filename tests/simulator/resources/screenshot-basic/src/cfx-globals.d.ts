/** The few CitizenFX server globals the screenshot-basic stand-in uses. */
declare function exports(name: string, fn: (...args: never[]) => unknown): void;
declare function DoesPlayerExist(player: number | string): boolean;
