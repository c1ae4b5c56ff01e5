/** A problem with the simulator's input (a manifest, a cfg, a missing resource), told in one line that names the file. */
export class SimulatorError extends Error {
  override name = 'SimulatorError';
}
