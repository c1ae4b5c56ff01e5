fx_version 'cerulean'
game 'gta5'

name 'qb-core'
description 'Stand-in for qbcore-framework/qb-core in the Handset simulator: characters in memory, the core object and events a phone uses'

server_script 'server.lua'
