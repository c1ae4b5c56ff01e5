/** The few CitizenFX server globals the oxmysql stand-in uses. */
declare function exports(name: string, fn: (...args: never[]) => unknown): void;
declare function GetConvar(name: string, fallback: string): string;
declare function on(eventName: string, handler: (...args: never[]) => unknown): void;
declare function TriggerEvent(eventName: string, ...args: unknown[]): void;
declare function GetInvokingResource(): string;
declare function GetCurrentResourceName(): string;
