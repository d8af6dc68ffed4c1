// Label and field selectors, the subset of the real grammar the provider and tests use:
// `key`, `!key`, `key=value`, `key==value`, `key!=value`, `key in (a,b)`, `key notin (a,b)`, comma = AND.

type Labels = Record<string, string> | undefined;

/** A predicate over an object's labels, parsed from a `labelSelector` query. */
export function parseLabelSelector(selector: string | null): (labels: Labels) => boolean {
  if (!selector) return () => true;
  const terms = selector
    .split(/,(?![^(]*\))/)
    .map((t) => t.trim())
    .filter(Boolean);
  const tests = terms.map((term): ((labels: Labels) => boolean) => {
    let m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) {
      const [, key, op, list] = m as unknown as [string, string, string, string];
      const values = list.split(',').map((v) => v.trim());
      return (l) => (op === 'in' ? values.includes(l?.[key] ?? '\0') : !values.includes(l?.[key] ?? '\0'));
    }
    m = /^(!?)([^=!\s]+)$/.exec(term);
    if (m) {
      const [, not, key] = m as unknown as [string, string, string];
      return (l) => (l?.[key] !== undefined) !== (not === '!');
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (m) {
      const [, key, op, value] = m as unknown as [string, string, string, string];
      return (l) => (op === '!=' ? l?.[key] !== value : l?.[key] === value);
    }
    throw new Error(`unable to parse requirement: ${term}`);
  });
  return (labels) => tests.every((t) => t(labels));
}

/** A predicate over an object, from a `fieldSelector` query (only metadata.name and metadata.namespace). */
export function parseFieldSelector(
  selector: string | null,
): (object: { metadata?: { name?: string; namespace?: string } }) => boolean {
  if (!selector) return () => true;
  const tests = selector.split(',').map((term) => {
    const m = /^(metadata\.name|metadata\.namespace)(==|=|!=)(.*)$/.exec(term.trim());
    if (!m) throw new Error(`field label not supported: ${term}`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    const key = field === 'metadata.name' ? 'name' : 'namespace';
    return (o: { metadata?: { name?: string; namespace?: string } }) =>
      op === '!=' ? o.metadata?.[key] !== value : o.metadata?.[key] === value;
  });
  return (object) => tests.every((t) => t(object));
}
