import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../names.js';

/** A DNS-1123 label (function and namespace names) in words, not as its pattern. */
const DNS1123_LABEL_WORDS =
  'must be lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters';

/**
 * The validation rules, one place. Names follow Kubernetes' rules everywhere, so a function that
 * deploys on one provider deploys on all of them (docs/decisions.md).
 */
export const rules = {
  functionName: {
    test: (v: string) => v.length <= 63 && DNS1123_LABEL.test(v),
    message: DNS1123_LABEL_WORDS,
  },
  namespace: {
    test: (v: string) => v.length <= 63 && DNS1123_LABEL.test(v),
    message: DNS1123_LABEL_WORDS,
  },
  secretName: {
    test: (v: string) => v.length <= 253 && DNS1123_SUBDOMAIN.test(v),
    message: 'must be lower-case letters, digits, "-" and "." (a DNS-1123 subdomain), at most 253 characters',
  },
  envVarName: {
    test: (v: string) => /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(v),
    message: 'must start with a letter, "_", "-" or "." and contain only letters, digits, "_", "-" and "."',
  },
  labelKey: {
    test: isQualifiedName,
    message:
      'must be a name of at most 63 characters (letters, digits, "-", "_", "."), optionally prefixed by a DNS subdomain and "/"',
  },
  labelValue: {
    test: (v: string) => v.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v),
    message:
      'must be at most 63 characters, letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
  },
  memory: {
    test: (v: string) => /^(\d+(\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[kKmMgGtTpPeE]|[kKmMgG][bB]|[bB])?$/.test(v),
    message: 'is not a quantity, use e.g. 128Mi, 1Gi or 256m',
  },
  cpu: {
    test: (v: string) => /^((\d+(\.\d+)?|\.\d+)|\d+m)$/.test(v),
    message: 'is not a CPU quantity, use e.g. 0.5, 1 or 500m',
  },
};

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** A Kubernetes qualified name: `[prefix/]name`, as label and annotation keys are. */
function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  if (prefix !== undefined && !(prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

/** Most replicas a scale request may ask for; protects hosts from a typo like 10000000. */
export const MAX_REPLICAS = 1000;

/** Largest total size of a function's annotations, as Kubernetes allows. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;
