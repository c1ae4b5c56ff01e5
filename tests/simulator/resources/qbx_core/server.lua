-- As qbx_core: Login/Logout/GetPlayer exports, Player objects with Functions, and the QBCore events it fires.
-- Characters live in memory instead of the players table; jobs are a few of shared/jobs.lua (grades keyed 0, 1, …).

local jobs = {
    unemployed = { label = 'Civilian', defaultDuty = true, grades = { [0] = { name = 'Freelancer', payment = 10 } } },
    police = {
        label = 'LSPD', type = 'leo', defaultDuty = true,
        grades = { [0] = { name = 'Recruit', payment = 50 }, [1] = { name = 'Officer', payment = 75 } },
    },
    ambulance = { label = 'EMS', type = 'ems', defaultDuty = true, grades = { [0] = { name = 'Recruit', payment = 50 } } },
}

local players = {} -- QBX.Players: source → Player
local characters = {} -- the players table: citizenid → PlayerData

local function license(source)
    return GetPlayerIdentifierByType(source, 'license2') or GetPlayerIdentifierByType(source, 'license')
end

-- qbx_core's citizenid: three letters and five digits, unique.
local function newCitizenId()
    local id
    repeat
        id = ''
        for _ = 1, 3 do id = id .. string.char(math.random(65, 90)) end
        for _ = 1, 5 do id = id .. math.random(0, 9) end
    until not characters[id]
    return id
end

local function toPlayerJob(jobName, grade)
    local job = jobs[jobName]
    return {
        name = jobName,
        label = job.label,
        type = job.type,
        onduty = job.defaultDuty,
        isboss = job.grades[grade].isboss or false,
        payment = job.grades[grade].payment,
        grade = { name = job.grades[grade].name, level = grade },
    }
end

local function createPlayer(playerData)
    local self = { PlayerData = playerData, Functions = {}, Offline = false }

    function self.Functions.Save()
        characters[self.PlayerData.citizenid] = self.PlayerData
    end

    function self.Functions.SetJob(jobName, grade)
        jobName = jobName:lower()
        grade = tonumber(grade) or 0
        if not jobs[jobName] or not jobs[jobName].grades[grade] then return false end
        self.PlayerData.job = toPlayerJob(jobName, grade)
        self.Functions.Save()
        TriggerEvent('QBCore:Server:OnJobUpdate', self.PlayerData.source, self.PlayerData.job)
        TriggerClientEvent('QBCore:Client:OnJobUpdate', self.PlayerData.source, self.PlayerData.job)
        return true
    end

    function self.Functions.Logout()
        Logout(self.PlayerData.source)
    end

    players[playerData.source] = self
    TriggerEvent('QBCore:Server:PlayerLoaded', self)
    return self
end

local function checkPlayerData(source, playerData)
    playerData = playerData or {}
    playerData.source = source
    playerData.license = playerData.license or license(source)
    playerData.name = GetPlayerName(source)
    playerData.citizenid = playerData.citizenid or newCitizenId()
    playerData.charinfo = playerData.charinfo or {}
    playerData.charinfo.firstname = playerData.charinfo.firstname or 'Firstname'
    playerData.charinfo.lastname = playerData.charinfo.lastname or 'Lastname'
    local job = playerData.job
    if job and jobs[job.name] and jobs[job.name].grades[job.grade.level] then
        playerData.job = toPlayerJob(job.name, job.grade.level)
    else
        playerData.job = toPlayerJob('unemployed', 0)
    end
    return createPlayer(playerData)
end

-- An existing character by citizenid (only its owner's license may load it), or a new one from newData.
function Login(source, citizenid, newData)
    if not source or source == '' then
        print('No source given at login stage')
        return false
    end
    if citizenid then
        local playerData = characters[citizenid]
        local license1, license2 = GetPlayerIdentifierByType(source, 'license'), GetPlayerIdentifierByType(source, 'license2')
        if playerData and (playerData.license == license1 or playerData.license == license2) then
            return not not checkPlayerData(source, playerData)
        end
        DropPlayer(tostring(source), 'You have been dropped for character joining exploit')
        return false
    end
    checkPlayerData(source, newData).Functions.Save()
    return true
end

exports('Login', Login)

function Logout(source)
    local player = players[source]
    if not player then return end
    TriggerClientEvent('QBCore:Client:OnPlayerUnload', source)
    TriggerEvent('QBCore:Server:OnPlayerUnload', source)
    player.PlayerData.lastLoggedOut = os.time()
    player.Functions.Save()
    Wait(200)
    players[source] = nil
    TriggerClientEvent('qbx_core:client:playerLoggedOut', source)
    TriggerEvent('qbx_core:server:playerLoggedOut', source)
end

exports('Logout', Logout)

-- By server id, or by one of the player's identifiers.
function GetPlayer(source)
    if tonumber(source) then return players[tonumber(source)] end
    for src, player in pairs(players) do
        for _, identifier in ipairs(GetPlayerIdentifiers(src)) do
            if identifier == source then return player end
        end
    end
end

exports('GetPlayer', GetPlayer)

-- qbx_core saves a dropped player's character and forgets it, with no unload event.
AddEventHandler('playerDropped', function()
    local src = source
    local player = players[src]
    if not player then return end
    player.PlayerData.lastLoggedOut = os.time()
    player.Functions.Save()
    players[src] = nil
end)
