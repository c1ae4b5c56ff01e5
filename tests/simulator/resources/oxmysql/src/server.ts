import { createExecutor } from '../../../../../core/server/storage/drivers';
import { createOxmysql } from './oxmysql';

const resourceName = GetCurrentResourceName();
const executor = createExecutor(GetConvar('mysql_connection_string', ''));
const api = createOxmysql(executor, {
  invokingResource: () => GetInvokingResource(),
  console,
  emit: (eventName, payload) => TriggerEvent(eventName, payload),
});

for (const [name, fn] of Object.entries(api)) exports(name, fn);

on('onResourceStop', (stopped: string) => {
  if (stopped === resourceName) void executor.close();
});
