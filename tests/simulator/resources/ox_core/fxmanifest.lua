fx_version 'cerulean'
game 'gta5'

name 'ox_core'
description 'Stand-in for overextended/ox_core in the Handset simulator: characters and groups in memory, the exports and events a phone uses'

server_script 'dist/server.js'
client_script 'dist/client.js'
