fx_version 'cerulean'
game 'gta5'

name 'es_extended'
description 'Stand-in for esx-framework es_extended (ESX Legacy, multicharacter) in the Handset simulator: characters in memory, the shared object and events a phone uses'
version '1.13.4'

server_script 'server.lua'
