// The limits contracts/openapi.yaml states are the ones the validators enforce (src/validation/rules.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { NOT_READY_REASON_MAX_LENGTH } from '../src/not-ready-reason.js';
import { limits, rules, textProblem } from '../src/validation/rules.js';
import type { TextRule } from '../src/validation/rules.js';

interface Schema {
  maxLength?: number;
  maxItems?: number;
  maxProperties?: number;
  pattern?: string;
  items?: Schema;
  additionalProperties?: Schema;
  properties?: Record<string, Schema>;
}

const document = parse(readFileSync(fileURLToPath(new URL('../openapi.yaml', import.meta.url)), 'utf8')) as {
  components: { schemas: Record<string, Schema> };
};
const deployment = document.components.schemas.FunctionDeployment!.properties!;
const secret = document.components.schemas.Secret!.properties!;

const SAMPLES = [
  'plain text',
  'tab\there',
  'a\u0000b',
  'line\nbreak',
  'cr\rhere',
  'esc\u001b',
  'del\u007f',
  'c1\u0085',
  'é ü ☃',
];

describe('contracts/openapi.yaml limits', () => {
  it.each<[string, Schema | undefined, TextRule]>([
    ['image', deployment.image, rules.image],
    ['envProcess', deployment.envProcess, rules.envProcess],
    ['network', deployment.network, rules.network],
    ['registryAuth', deployment.registryAuth, rules.registryAuth],
    ['constraints[]', deployment.constraints?.items, rules.constraint],
    ['envVars values', deployment.envVars?.additionalProperties, rules.envVarValue],
    ['annotations values', deployment.annotations?.additionalProperties, rules.annotationValue],
  ])('%s: maxLength and pattern are those of the validator', (_field, schema, rule) => {
    expect(schema?.maxLength).toBe(rule.maxLength);
    const pattern = new RegExp(schema?.pattern ?? '(?!)');
    for (const sample of SAMPLES) {
      expect([sample, pattern.test(sample)]).toEqual([sample, textProblem(sample, rule) === undefined]);
    }
  });

  it.each<[string, number | undefined, number]>([
    ['envVars entries', deployment.envVars?.maxProperties, limits.envVars],
    ['labels entries', deployment.labels?.maxProperties, limits.labels],
    ['annotations entries', deployment.annotations?.maxProperties, limits.annotations],
    ['secrets', deployment.secrets?.maxItems, limits.secrets],
    ['constraints', deployment.constraints?.maxItems, limits.constraints],
    ['rawValue characters', secret.rawValue?.maxLength, Math.ceil(limits.secretBytes / 3) * 4],
    [
      'notReadyReason characters',
      document.components.schemas.FunctionStatus!.properties!.notReadyReason?.maxLength,
      NOT_READY_REASON_MAX_LENGTH,
    ],
  ])("%s: the count is the validator's", (_what, stated, enforced) => {
    expect(stated).toBe(enforced);
  });

  it.each<[string, Schema | undefined, { test: (v: string) => boolean }]>([
    ['service', deployment.service, rules.functionName],
    ['secrets[]', deployment.secrets?.items, rules.secretName],
    ['labels values', deployment.labels?.additionalProperties, rules.labelValue],
    ['secret name', secret.name, rules.secretName],
  ])('%s: the pattern and length agree with the rule', (_field, schema, rule) => {
    const pattern = new RegExp(schema?.pattern ?? '(?!)');
    const max = schema?.maxLength ?? 0;
    for (const sample of ['cat', 'a-b', 'a.b', 'A', '-a', 'a_b', 'x'.repeat(max), 'x'.repeat(max + 1)]) {
      const stated = pattern.test(sample) && sample.length <= max;
      expect([sample, stated]).toEqual([sample, rule.test(sample)]);
    }
  });

  it('states the sizes in the descriptions and the README', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const yaml = JSON.stringify(document);
    expect(yaml).toContain(`At most ${limits.envVarsBytes} characters as JSON`);
    expect(yaml).toContain(`At most ${limits.secretBytes} bytes as UTF-8`);
    for (const text of [
      `≤ ${rules.image.maxLength} characters`,
      `≤ ${limits.envVars} entries`,
      `≤ ${limits.labels} entries`,
      `≤ ${limits.annotations} entries`,
      `≤ ${limits.secrets} names`,
      `≤ ${limits.constraints} entries of ≤ ${rules.constraint.maxLength} characters`,
      `≤ ${limits.secretBytes.toLocaleString('en-US')} bytes`,
      `\`limits.systemBodyBytes\``,
    ]) {
      expect(readme).toContain(text);
    }
  });
});
