fx_version 'cerulean'
game 'common'

name 'screenshot-basic'
description 'Stand-in for citizenfx/screenshot-basic in the Handset simulator: requestClientScreenshot and requestScreenshot answer with a real small image'

server_script 'dist/server.js'
client_script 'dist/client.js'
