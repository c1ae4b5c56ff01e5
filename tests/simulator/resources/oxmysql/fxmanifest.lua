fx_version 'cerulean'
game 'common'

name 'oxmysql'
description 'Stand-in for overextended/oxmysql in the Handset simulator: the same exports over MariaDB or SQLite'

server_script 'dist/server.js'
