/**
 * Command-line options of the bench scripts: `--name value` or `--name=value`,
 * repeatable options, numbers that must be numbers, and a check that stops a
 * run on an option the script does not know.
 */

/** The value of `--name value` or `--name=value` (the first one given). */
export function option(name: string, args: readonly string[] = Deno.args): string | undefined {
  return options(name, args)[0];
}

/** Every value given to a repeatable `--name`. */
export function options(name: string, args: readonly string[] = Deno.args): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}` && i + 1 < args.length) values.push(args[++i]!);
    else if (args[i]!.startsWith(`--${name}=`)) values.push(args[i]!.slice(name.length + 3));
  }
  return values;
}

/** A non-negative number given as `--name`, or `fallback`; anything else stops the run. */
export function numberOption(
  name: string,
  fallback: number,
  args: readonly string[] = Deno.args,
): number {
  const value = option(name, args);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number, not "${value}"`);
  return n;
}

/** Stops the run on an option outside `valued` (which take a value) and `flags`. */
export function refuseUnknown(
  valued: readonly string[],
  flags: readonly string[],
  args: readonly string[] = Deno.args,
): void {
  const known = [...valued, ...flags];
  for (let i = 0; i < args.length; i++) {
    const name = /^--([a-z0-9-]+)/.exec(args[i]!)?.[1];
    if (name === undefined) continue;
    if (!known.includes(name)) {
      throw new Error(
        `Unknown option ${args[i]}; known: ${known.map((k) => `--${k}`).join(" ")}`,
      );
    }
    if (args[i] === `--${name}` && valued.includes(name)) i++; // its value follows
  }
}
