fx_version 'cerulean'
game 'gta5'

name 'preact-app'
description 'A Handset app built from templates/preact-app'
version '0.1.0'

-- Handset must be running first: the server script registers the app through its exports.
dependency 'handset'

server_script 'dist/server.js'

-- No ui_page: Handset's phone shows the app in an iframe at https://cfx-nui-<this resource>/dist/web/index.html.
files {
  'dist/web/index.html',
  'dist/web/icon.svg',
  'dist/web/assets/*',
}
