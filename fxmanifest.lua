fx_version 'cerulean'
game 'gta5'

name 'handset'
description 'A phone for FiveM: a minimal core plus a public app SDK'
author 'Handset'
version '0.1.0'

node_version '22'
nui_callback_strict_mode 'true'

dependency 'oxmysql'

-- The JS bundle first: the Lua file asks it for the exports that answer Lua callers with `ok, reason`.
server_scripts {
  'dist/server.js',
  'core/shared/ok-reason-exports.lua',
}
client_scripts {
  'dist/client.js',
  'core/shared/ok-reason-exports.lua',
}

ui_page 'dist/web/index.html'

files {
  'dist/web/index.html',
  'dist/web/assets/*',
  'dist/apps/*/index.html',
  'dist/apps/*/icon.svg',
  'dist/apps/*/assets/*',
}
