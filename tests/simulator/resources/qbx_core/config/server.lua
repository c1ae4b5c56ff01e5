-- The stand-in's copy of qbx_core's table list as a fresh install has it: without Handset's phone table.
return {
    characterDataTables = {
        {'bank_accounts_new', 'id'},
        {'playerskins', 'citizenid'},
        {'player_vehicles', 'citizenid'},
        {'players', 'citizenid'},
    },
}
