/**
 * Template values from the environment, only for the names the user gives (`--var-env NAME`): a
 * template must not be able to read AWS secrets or anything else the user did not hand it.
 */
import { CcsqlError } from '../../errors.js';

export function envVars(names: readonly string[], env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const name of names.flatMap((n) => n.split(',')).map((n) => n.trim()).filter((n) => n !== '')) {
    const value = env[name];
    if (value === undefined) throw new CcsqlError('INVALID_ARGUMENT', `Environment variable ${name} (named by --var-env) is not set.`, { variable: name });
    vars[name] = value;
  }
  return vars;
}
