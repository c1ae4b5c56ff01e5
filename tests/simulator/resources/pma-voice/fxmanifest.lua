fx_version 'cerulean'
game 'common'

name 'pma-voice'
description 'Stand-in for AvarianKnight/pma-voice in the Handset simulator: the server side of phone calls, recorded in memory'

server_script 'server.lua'
