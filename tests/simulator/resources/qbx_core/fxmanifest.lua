fx_version 'cerulean'
game 'gta5'

name 'qbx_core'
description 'Stand-in for Qbox-project/qbx_core 1.24 in the Handset simulator: characters in memory, the exports and events a phone uses'
version '1.24.0'

server_script 'server.lua'
