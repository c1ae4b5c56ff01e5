/** Given to NUI pages by the game's browser: the name of the resource that owns this page. */
declare function GetParentResourceName(): string;
