import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../names.js';

/** A pattern a string must match; `message` says what it must be. */
export interface PatternRule {
  test: (value: string) => boolean;
  message: string;
}

/**
 * Free text: at most `maxLength` characters and no control characters (Unicode Cc); a `multiLine`
 * text may hold tab, CR and LF. What reaches a process, a file, a header or a label never carries
 * a NUL, and a single-line field never a line break.
 */
export interface TextRule {
  maxLength: number;
  multiLine?: boolean;
}

/** A rule for one string. */
export type Rule = PatternRule | TextRule;

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
  /** A container image reference (Docker's own limits add up to about 460 characters). */
  image: { maxLength: 512 },
  /** The command line the watchdog runs. */
  envProcess: { maxLength: 4096 },
  /** An environment variable's value: may span lines (a PEM certificate). */
  envVarValue: { maxLength: 256 * 1024, multiLine: true },
  /** An annotation's value: free-form, may span lines. */
  annotationValue: { maxLength: 256 * 1024, multiLine: true },
  /** One placement constraint. */
  constraint: { maxLength: 256 },
  /** The network to attach to. */
  network: { maxLength: 256 },
  /** Deprecated base64 registry credentials. */
  registryAuth: { maxLength: 4096 },
} satisfies Record<string, Rule>;

/** Largest counts and sizes of a request (contracts/README.md#limits, openapi.yaml). */
export const limits = {
  /** Entries of `envVars`. */
  envVars: 256,
  /** Total size of `envVars` as JSON, in characters. */
  envVarsBytes: 256 * 1024,
  /** Entries of `labels`. */
  labels: 128,
  /** Entries of `annotations`. */
  annotations: 128,
  /** Total size of `annotations` as JSON, in characters, as Kubernetes allows. */
  annotationsBytes: 256 * 1024,
  /** Names in `secrets`. */
  secrets: 64,
  /** Entries of `constraints`. */
  constraints: 32,
  /** Bytes of one secret's value, as Docker Swarm allows (500 KiB). */
  secretBytes: 500 * 1024,
  /** Bytes of a `/system/*` request body; larger is 413. */
  systemBodyBytes: 4 * 1024 * 1024,
  /** Problems listed in one error message; the rest are counted. */
  problemsListed: 20,
} as const;

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
export const MAX_ANNOTATIONS_BYTES = limits.annotationsBytes;

// Matching control characters is the point of these two patterns.
/* eslint-disable no-control-regex */
/** Control characters: C0, DEL and C1. Single-line text may hold none of them. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Multi-line text may hold tab, LF and CR. */
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

/** `U+0000`: how a problem names a character. */
export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What is wrong with a text under `rule`, in words, or undefined when nothing is. */
export function textProblem(value: string, rule: TextRule): string | undefined {
  if (value.length > rule.maxLength)
    return `must be at most ${rule.maxLength} characters (got ${value.length})`;
  const found = (rule.multiLine ? CONTROL_BUT_LINE_BREAKS : CONTROL).exec(value);
  if (!found) return undefined;
  const allowed = rule.multiLine ? ' other than tab and line breaks' : '';
  return `must not contain control characters${allowed} (found ${codePoint(found[0])} at character ${found.index + 1})`;
}
