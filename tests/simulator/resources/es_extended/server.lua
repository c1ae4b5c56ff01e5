-- As es_extended with Config.Multichar: esx_multicharacter loads a character with
-- TriggerEvent('esx:onPlayerJoined', playerId, 'char<n>', newCharacterData?) and relogs with
-- TriggerEvent('esx:playerLogout', playerId). Characters live in memory instead of the users table.

ESX = { Players = {} }

-- A few of the jobs and job_grades tables; ESX keys grades by strings.
ESX.Jobs = {
    unemployed = { name = 'unemployed', label = 'Unemployed', grades = { ['0'] = { grade = 0, name = 'unemployed', label = 'Unemployed', salary = 200 } } },
    police = {
        name = 'police', label = 'LSPD',
        grades = {
            ['0'] = { grade = 0, name = 'recruit', label = 'Recruit', salary = 20 },
            ['1'] = { grade = 1, name = 'officer', label = 'Officer', salary = 40 },
        },
    },
}

local users = {} -- the users table: identifier → row
local playersByIdentifier = {}

exports('getSharedObject', function()
    return ESX
end)

-- The license without its prefix.
function ESX.GetIdentifier(playerId)
    local license = GetPlayerIdentifierByType(playerId, 'license')
    return license and (license:gsub('^license:', ''))
end

function ESX.GetPlayerFromId(source)
    return ESX.Players[tonumber(source)]
end

function ESX.GetPlayerFromIdentifier(identifier)
    return playersByIdentifier[identifier]
end

function ESX.DoesJobExist(job, grade)
    return (ESX.Jobs[job] and ESX.Jobs[job].grades[tostring(grade)]) ~= nil
end

local function jobOf(name, grade)
    local jobObject, gradeObject = ESX.Jobs[name], ESX.Jobs[name].grades[tostring(grade)]
    return {
        name = jobObject.name,
        label = jobObject.label,
        onDuty = true,
        grade = tonumber(grade),
        grade_name = gradeObject.name,
        grade_label = gradeObject.label,
        grade_salary = gradeObject.salary,
        skin_male = {},
        skin_female = {},
    }
end

local function createExtendedPlayer(playerId, identifier, job, name)
    local self = { source = playerId, playerId = playerId, identifier = identifier, name = name, job = job }

    function self.getIdentifier() return self.identifier end
    function self.getName() return self.name end
    function self.getJob() return self.job end

    function self.triggerEvent(eventName, ...)
        TriggerClientEvent(eventName, self.source, ...)
    end

    function self.setJob(newJob, grade, onDuty)
        grade = tostring(grade)
        if not ESX.DoesJobExist(newJob, grade) then
            return print(('[^3WARNING^7] Ignoring invalid ^5.setJob()^7 usage for ID: ^5%s^7, Job: ^5%s^7'):format(self.source, newJob))
        end
        local lastJob = self.job
        self.job = jobOf(newJob, grade)
        if onDuty ~= nil then self.job.onDuty = onDuty end
        TriggerEvent('esx:setJob', self.source, self.job, lastJob)
        self.triggerEvent('esx:setJob', self.job, lastJob)
    end

    return self
end

local function loadESXPlayer(identifier, playerId, isNew)
    local row = users[identifier]
    if not row then error(('there is no character %s'):format(identifier)) end
    local job, grade = row.job, row.job_grade
    if not ESX.DoesJobExist(job, grade) then job, grade = 'unemployed', 0 end
    local xPlayer = createExtendedPlayer(playerId, identifier, jobOf(job, grade), ('%s %s'):format(row.firstname, row.lastname))
    ESX.Players[playerId] = xPlayer
    playersByIdentifier[identifier] = xPlayer
    TriggerEvent('esx:playerLoaded', playerId, xPlayer, isNew)
    xPlayer.triggerEvent('esx:playerLoaded', { identifier = identifier, job = xPlayer.job, firstName = row.firstname, lastName = row.lastname }, isNew)
end

AddEventHandler('esx:onPlayerJoined', function(playerId, char, data)
    if ESX.Players[playerId] then return end
    local identifier = ('%s:%s'):format(char, ESX.GetIdentifier(playerId))
    if data then
        users[identifier] = { identifier = identifier, job = 'unemployed', job_grade = 0, firstname = data.firstname, lastname = data.lastname }
    end
    loadESXPlayer(identifier, playerId, data ~= nil)
end)

-- Saves the character and forgets the player: on a drop, and on a logout.
local function onPlayerDropped(playerId, reason, cb)
    local xPlayer = ESX.GetPlayerFromId(playerId)
    if xPlayer then
        TriggerEvent('esx:playerDropped', playerId, reason)
        users[xPlayer.identifier].job, users[xPlayer.identifier].job_grade = xPlayer.job.name, xPlayer.job.grade
        ESX.Players[playerId] = nil
        playersByIdentifier[xPlayer.identifier] = nil
    end
    if cb then cb() end
end

AddEventHandler('playerDropped', function(reason)
    onPlayerDropped(source, reason)
end)

AddEventHandler('esx:playerLogout', function(playerId, cb)
    onPlayerDropped(playerId, 'esx_player_logout', function()
        TriggerClientEvent('esx:onPlayerLogout', playerId)
        if cb then cb() end
    end)
end)

-- As oxmysql's MySQL.query.await: the result, once the query is done.
local function query(sql, params)
    local p = promise.new()
    exports.oxmysql:query(sql, params or {}, function(result) p:resolve(result) end)
    return Citizen.Await(p)
end

-- As esx_multicharacter's Database:DeleteCharacter: the character's rows go from every table with a VARCHAR column
-- named identifier or owner (esx_multicharacter finds them in INFORMATION_SCHEMA; SQLite has its own catalogue).
local function characterTables()
    if GetConvar('mysql_connection_string', ''):find('^sqlite') then
        return query([[SELECT m.name AS tbl, p.name AS col FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND p.name IN ('identifier', 'owner') AND lower(p.type) LIKE 'varchar%']])
    end
    return query([[SELECT TABLE_NAME AS tbl, COLUMN_NAME AS col FROM INFORMATION_SCHEMA.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME IN ('identifier', 'owner') AND DATA_TYPE = 'varchar']])
end

RegisterNetEvent('esx_multicharacter:DeleteCharacter', function(charid)
    local src = source
    local identifier = ('char%s:%s'):format(charid, ESX.GetIdentifier(src))
    for _, row in ipairs(characterTables()) do
        query(('DELETE FROM `%s` WHERE `%s` = ?'):format(row.tbl, row.col), { identifier })
    end
    users[identifier] = nil
end)
