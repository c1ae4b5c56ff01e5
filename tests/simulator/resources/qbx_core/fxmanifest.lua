fx_version 'cerulean'
game 'gta5'

name 'qbx_core'
description 'Stand-in for Qbox-project/qbx_core in the Handset simulator: characters in memory, the exports and events a phone uses'

server_script 'server.lua'
