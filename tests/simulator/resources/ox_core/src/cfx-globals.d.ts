/** The few CitizenFX globals the ox_core stand-in uses, on the server and in its client script. */
declare function exports(name: string, fn: (...args: never[]) => unknown): void;
declare function on(eventName: string, handler: (...args: never[]) => unknown): void;
declare function onNet(eventName: string, handler: (...args: never[]) => unknown): void;
declare function emit(eventName: string, ...args: unknown[]): void;
/** On the server the first argument is the target player; the client sends to the server. */
declare function emitNet(eventName: string, ...args: unknown[]): void;
declare function GetPlayerIdentifierByType(playerSrc: string, identifierType: string): string | null;
declare function GetPlayerName(playerSrc: string): string | null;
declare const source: number;
declare const console: { warn(...data: unknown[]): void; error(...data: unknown[]): void };
