/** The result of substituting `${VAR}` references in one string. */
export interface Substitution {
  /** The text with every reference replaced. */
  value: string;
  /** Problems, e.g. `${TOKEN:?set TOKEN first}` with TOKEN unset. */
  problems: string[];
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

/**
 * Replaces environment references as faas-cli's envsubst does, in the forms stack files use:
 * `${VAR}` (empty when unset), `${VAR:-default}` (default when unset or empty),
 * `${VAR-default}` (default when unset), `${VAR:?message}` / `${VAR?message}` (a problem when
 * unset [or empty]). `$$` stands for a literal `$`. Bare `$VAR` is left as written, so passwords
 * and shell snippets containing `$` survive.
 */
export function substitute(text: string, env: Readonly<Record<string, string | undefined>>): Substitution {
  const problems: string[] = [];
  const parts = text.split('$$');
  const replaced = parts.map((part) =>
    part.replace(REFERENCE, (_whole, name: string, op: string | undefined, arg: string | undefined) => {
      const value = env[name];
      const unset = value === undefined;
      const empty = unset || value === '';
      switch (op) {
        case ':-':
          return empty ? (arg ?? '') : (value as string);
        case '-':
          return unset ? (arg ?? '') : (value as string);
        case ':?':
        case '?':
          if (op === ':?' ? empty : unset) {
            problems.push(arg ? `${name}: ${arg}` : `${name} is not set`);
            return '';
          }
          return value as string;
        default:
          return value ?? '';
      }
    }),
  );
  return { value: replaced.join('$'), problems };
}
