fx_version 'cerulean'
game 'gta5'

name 'handset'
description 'A phone for FiveM: a minimal core plus a public app SDK'
author 'Handset'
version '0.1.0'

node_version '22'
nui_callback_strict_mode 'true'

-- No dependency 'oxmysql' yet: the standalone sandbox runs on embedded SQLite and must start without it.

server_script 'dist/server.js'
client_script 'dist/client.js'

ui_page 'dist/web/index.html'

files {
  'dist/web/index.html',
  'dist/web/assets/*',
}
