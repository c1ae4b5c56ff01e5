import { version } from '../../package.json';

exports('getVersion', () => version);

console.log(`Handset ${version} started`);
