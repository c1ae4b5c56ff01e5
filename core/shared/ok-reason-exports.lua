-- FiveM's JS runtime returns one value to a Lua caller, but `local ok, reason = exports.handset:registerApp(…)`
-- needs two; the JS side lists those exports here and Lua answers them.
local resource = GetCurrentResourceName()
local table_ = exports[resource]:okReasonExports()

for _, entry in ipairs(table_.exports) do
  local name = entry.name
  local function answer(...)
    local result = table_.call(name, GetInvokingResource() or '', ...)
    if result.ok then return true end
    return false, result.reason, result.message
  end
  for _, exporter in ipairs(entry.resources) do
    AddEventHandler(('__cfx_export_%s_%s'):format(exporter, name), function(setCB) setCB(answer) end)
  end
end
