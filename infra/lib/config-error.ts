/**
 * A deployment setting (a `-c key=value` context) that is missing, malformed or
 * contradicts another. bin/brewline.ts prints only the message and exits non-zero, so
 * `cdk synth`/`cdk deploy` stop with a sentence that says which context to pass instead
 * of a stack trace from deep inside a construct.
 */
export class DeploymentConfigError extends Error {
  override name = "DeploymentConfigError";
}

/** A whole number in [min, max] from a context value, or a DeploymentConfigError naming the context. */
export function wholeNumberSetting(contextKey: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DeploymentConfigError(`-c ${contextKey} must be a whole number from ${min} to ${max} (got ${String(value)}).`);
  }
  return value;
}
