-- As pma-voice's server/module/phone.lua: setPlayerCall(source, callChannel) puts a player in a call channel,
-- 0 takes them out, and a dropped player leaves their channel. Without Mumble there is nothing to hear, so the
-- stand-in keeps who is in which channel and answers the extra export calls() for tests.

local callOf = {} -- voiceData[source].call: source → channel, 0 when in none
local callData = {} -- channel → { [source] = true }

local function removePlayerFromCall(source, channel)
    if callData[channel] then
        callData[channel][source] = nil
        if next(callData[channel]) == nil then callData[channel] = nil end
    end
    callOf[source] = 0
end

local function addPlayerToCall(source, channel)
    callData[channel] = callData[channel] or {}
    callData[channel][source] = true
    callOf[source] = channel
end

function setPlayerCall(source, callChannel)
    source = tonumber(source)
    if GetConvarInt('voice_enablePhones', 1) ~= 1 then return end
    local current = callOf[source] or 0
    local channel = tonumber(callChannel)
    if channel ~= 0 and current == 0 then
        addPlayerToCall(source, channel)
    elseif channel == 0 then
        removePlayerFromCall(source, current)
    elseif current > 0 then
        removePlayerFromCall(source, current)
        addPlayerToCall(source, channel)
    end
end
exports('setPlayerCall', setPlayerCall)

-- Stand-in only: who is in a call channel now, as { ["<source>"] = channel } (string keys keep it a map).
exports('calls', function()
    local calls = {}
    for source, channel in pairs(callOf) do
        if channel ~= 0 then calls[tostring(source)] = channel end
    end
    return calls
end)

AddEventHandler('playerDropped', function()
    local src = tonumber(source)
    if callOf[src] and callOf[src] ~= 0 then removePlayerFromCall(src, callOf[src]) end
    callOf[src] = nil
end)
