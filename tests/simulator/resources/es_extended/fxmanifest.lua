fx_version 'cerulean'
game 'gta5'

name 'es_extended'
description 'Stand-in for esx-framework es_extended (ESX Legacy, multicharacter) in the Handset simulator: characters in memory, the shared object and events a phone uses'

server_script 'server.lua'
