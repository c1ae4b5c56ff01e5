-- As qb-core: the core object (GetCoreObject) with QBCore.Player.Login/Logout/DeleteCharacter and
-- QBCore.Functions.GetPlayer, Player objects with Functions, its server events, qb-multicharacter's delete event and
-- /deletechar. Characters are kept in memory and, as qb-core does, as rows of the players table (citizenid, license).

QBCore = { Functions = {}, Player = {}, Players = {}, Shared = {} }

-- A few of shared/jobs.lua; QBCore keys grades by strings.
QBCore.Shared.Jobs = {
    unemployed = { label = 'Civilian', defaultDuty = true, grades = { ['0'] = { name = 'Freelancer', payment = 10 } } },
    police = {
        label = 'Law Enforcement', type = 'leo', defaultDuty = true,
        grades = { ['0'] = { name = 'Recruit', payment = 50 }, ['1'] = { name = 'Officer', payment = 75 } },
    },
    ambulance = { label = 'EMS', type = 'ems', defaultDuty = true, grades = { ['0'] = { name = 'Recruit', payment = 50 } } },
}

local characters = {} -- citizenid → PlayerData

-- As oxmysql's MySQL.query.await: the result, once the query is done.
local function query(sql, params)
    local p = promise.new()
    exports.oxmysql:query(sql, params or {}, function(result) p:resolve(result) end)
    return Citizen.Await(p)
end

CreateThread(function()
    query('CREATE TABLE IF NOT EXISTS players (citizenid VARCHAR(50) NOT NULL PRIMARY KEY, license VARCHAR(255) NOT NULL)')
end)

-- A character's job table, as Player.Functions.SetJob builds it.
local function jobData(job, grade)
    local jobInfo = QBCore.Shared.Jobs[job]
    local data = {
        name = job,
        label = jobInfo.label,
        onduty = jobInfo.defaultDuty,
        type = jobInfo.type or 'none',
        grade = { name = 'No Grades', level = 0, payment = 30, isboss = false },
    }
    local gradeInfo = jobInfo.grades[tostring(grade)]
    if gradeInfo then
        data.grade = { name = gradeInfo.name, level = tonumber(grade), payment = gradeInfo.payment, isboss = gradeInfo.isboss or false }
        data.isboss = gradeInfo.isboss or false
    end
    return data
end

exports('GetCoreObject', function()
    return QBCore
end)

function QBCore.Functions.GetIdentifier(source, idtype)
    return GetPlayerIdentifierByType(source, idtype or 'license')
end

function QBCore.Functions.GetSource(identifier)
    for src in pairs(QBCore.Players) do
        for _, id in ipairs(GetPlayerIdentifiers(src)) do
            if id == identifier then return src end
        end
    end
    return 0
end

function QBCore.Functions.GetPlayer(source)
    if tonumber(source) ~= nil then return QBCore.Players[tonumber(source)] end
    return QBCore.Players[QBCore.Functions.GetSource(source)]
end

-- QBCore's citizenid: three letters and five digits, upper case, unique.
function QBCore.Player.CreateCitizenId()
    local id = ''
    for _ = 1, 3 do id = id .. string.char(math.random(97, 122)) end
    for _ = 1, 5 do id = id .. math.random(0, 9) end
    id = id:upper()
    if characters[id] then return QBCore.Player.CreateCitizenId() end
    return id
end

function QBCore.Player.Login(source, citizenid, newData)
    if not source or source == '' then
        print('ERROR QBCORE.PLAYER.LOGIN - NO SOURCE GIVEN!')
        return false
    end
    if citizenid then
        local playerData = characters[citizenid]
        if playerData and QBCore.Functions.GetIdentifier(source, 'license') == playerData.license then
            QBCore.Player.CheckPlayerData(source, playerData)
        else
            DropPlayer(source, 'You have been dropped for character joining exploit')
        end
    else
        QBCore.Player.CheckPlayerData(source, newData)
    end
    return true
end

function QBCore.Player.CheckPlayerData(source, PlayerData)
    PlayerData = PlayerData or {}
    PlayerData.source = source
    PlayerData.license = PlayerData.license or QBCore.Functions.GetIdentifier(source, 'license')
    PlayerData.name = GetPlayerName(source)
    PlayerData.citizenid = PlayerData.citizenid or QBCore.Player.CreateCitizenId()
    PlayerData.charinfo = PlayerData.charinfo or {}
    PlayerData.charinfo.firstname = PlayerData.charinfo.firstname or 'Firstname'
    PlayerData.charinfo.lastname = PlayerData.charinfo.lastname or 'Lastname'
    local job = PlayerData.job
    if not (job and QBCore.Shared.Jobs[job.name] and QBCore.Shared.Jobs[job.name].grades[tostring(job.grade.level)]) then
        PlayerData.job = jobData('unemployed', '0')
    end
    return QBCore.Player.CreatePlayer(PlayerData, false)
end

function QBCore.Player.Logout(source)
    TriggerClientEvent('QBCore:Client:OnPlayerUnload', source)
    TriggerEvent('QBCore:Server:OnPlayerUnload', source)
    TriggerClientEvent('QBCore:Player:UpdatePlayerData', source)
    Wait(200)
    QBCore.Players[source] = nil
end

function QBCore.Player.Save(source)
    local PlayerData = QBCore.Players[source].PlayerData
    characters[PlayerData.citizenid] = PlayerData
    query('REPLACE INTO players (citizenid, license) VALUES (?, ?)', { PlayerData.citizenid, PlayerData.license })
end

-- qb-core deletes the character's rows from its own list of tables and says so only in a log line.
local function deleteCharacter(citizenid, title, by)
    query('DELETE FROM players WHERE citizenid = ?', { citizenid })
    characters[citizenid] = nil
    TriggerEvent('qb-log:server:CreateLog', 'joinleave', title, 'red', '**' .. by .. '** deleted **' .. citizenid .. '**..')
end

function QBCore.Player.DeleteCharacter(source, citizenid)
    local license = QBCore.Functions.GetIdentifier(source, 'license')
    local owner = query('SELECT license FROM players WHERE citizenid = ?', { citizenid })[1]
    if owner and owner.license == license then
        deleteCharacter(citizenid, 'Character Deleted', GetPlayerName(source) .. ' ' .. license)
    else
        DropPlayer(source, 'You have been dropped for character deletion exploit')
    end
end

function QBCore.Player.ForceDeleteCharacter(citizenid)
    for src, Player in pairs(QBCore.Players) do
        if Player.PlayerData.citizenid == citizenid then
            QBCore.Players[src] = nil
            DropPlayer(src, 'An admin deleted the character that you are currently using')
        end
    end
    deleteCharacter(citizenid, 'Character Force Deleted', 'admin')
end

-- qb-multicharacter's delete button.
RegisterNetEvent('qb-multicharacter:server:deleteCharacter', function(citizenid)
    QBCore.Player.DeleteCharacter(source, citizenid)
end)

RegisterCommand('deletechar', function(_, args)
    QBCore.Player.ForceDeleteCharacter(tostring(args[1]))
end, true)

function QBCore.Player.CreatePlayer(PlayerData, Offline)
    local self = { PlayerData = PlayerData, Functions = {}, Offline = Offline }

    function self.Functions.SetJob(job, grade)
        job = job:lower()
        if not QBCore.Shared.Jobs[job] then return false end
        self.PlayerData.job = jobData(job, grade or '0')
        if not self.Offline then
            TriggerEvent('QBCore:Server:OnJobUpdate', self.PlayerData.source, self.PlayerData.job)
            TriggerClientEvent('QBCore:Client:OnJobUpdate', self.PlayerData.source, self.PlayerData.job)
        end
        return true
    end

    function self.Functions.Save()
        if not self.Offline then QBCore.Player.Save(self.PlayerData.source) end
    end

    function self.Functions.Logout()
        if self.Offline then return end
        QBCore.Player.Logout(self.PlayerData.source)
    end

    if self.Offline then return self end
    QBCore.Players[self.PlayerData.source] = self
    QBCore.Player.Save(self.PlayerData.source)
    TriggerEvent('QBCore:Server:PlayerLoaded', self)
    return self
end

-- qb-core saves a dropped player's character and forgets it, with no unload event.
AddEventHandler('playerDropped', function()
    local src = source
    local Player = QBCore.Players[src]
    if not Player then return end
    Player.Functions.Save()
    QBCore.Players[src] = nil
end)
