fx_version 'cerulean'
game 'common'

name 'screenshot-basic'
description 'Stand-in for citizenfx/screenshot-basic in the Handset simulator: requestClientScreenshot answers with a real small image'

server_script 'dist/server.js'
