import type { FrameworkBridge, FrameworkName } from '../bridge';
import { esxBridge } from './esx';
import { oxCoreBridge } from './ox-core';
import { qbcoreBridge } from './qbcore';
import { qboxBridge } from './qbox';
import { standaloneBridge } from './standalone';

const BRIDGES: Record<FrameworkName, () => FrameworkBridge> = {
  standalone: standaloneBridge,
  qbox: qboxBridge,
  qbcore: qbcoreBridge,
  esx: esxBridge,
  ox_core: oxCoreBridge,
};

/** The resources `auto` looks for, in order: qbx_core before qb-core, since Qbox also provides qb-core. */
const FRAMEWORK_RESOURCES: [FrameworkName, string][] = [
  ['qbox', 'qbx_core'],
  ['qbcore', 'qb-core'],
  ['esx', 'es_extended'],
  ['ox_core', 'ox_core'],
];

/** The bridge for the configured framework; `auto` picks the first framework resource that is started. */
export function selectBridge(name: FrameworkName | 'auto'): FrameworkBridge {
  if (name !== 'auto') return BRIDGES[name]();
  const found = FRAMEWORK_RESOURCES.find(([, resource]) => GetResourceState(resource) === 'started');
  if (!found) {
    const names = FRAMEWORK_RESOURCES.map(([, resource]) => resource).join(', ');
    console.log(`framework auto: none of ${names} is started; using standalone`);
    return BRIDGES.standalone();
  }
  const [framework, resource] = found;
  console.log(`framework auto: ${resource} is started; using ${framework}`);
  return BRIDGES[framework]();
}
