// The YAML in deploy/kubernetes/, parsed: every document of every `*.yaml` file, in the order
// `kubectl apply -f deploy/kubernetes/` applies them (file names sorted).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** deploy/kubernetes/ in this repository. */
export const MANIFEST_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'deploy',
  'kubernetes',
);

/** One Kubernetes object from a manifest file. */
export interface ManifestObject {
  /** The file it came from. */
  file: string;
  /** The object. */
  object: {
    apiVersion: string;
    kind: string;
    metadata: {
      name: string;
      namespace?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    };
    [key: string]: unknown;
  };
}

/** Parses YAML text into objects; throws on a YAML error, naming the file. */
export function parseManifest(file: string, text: string): ManifestObject[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const object = doc.toJS() as ManifestObject['object'] | null;
    return object ? [{ file, object }] : [];
  });
}

/** Every object `kubectl apply -f deploy/kubernetes/` would send. */
export function loadManifests(): ManifestObject[] {
  return readdirSync(MANIFEST_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .flatMap((f) => parseManifest(f, readFileSync(join(MANIFEST_DIR, f), 'utf8')));
}

/** The objects of the namespace template, for a given namespace. */
export function loadNamespaceTemplate(namespace: string): ManifestObject[] {
  const text = readFileSync(join(MANIFEST_DIR, 'namespace.yaml.tmpl'), 'utf8').replaceAll(
    'NAMESPACE',
    namespace,
  );
  return parseManifest('namespace.yaml.tmpl', text);
}
