// As ox_core's client once the player's session has started: the server then loads the user and starts character selection.
emitNet('ox:playerJoined');
