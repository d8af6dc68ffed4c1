// Kubernetes RBAC evaluation for one ServiceAccount, from the Roles, ClusterRoles and bindings of
// the manifests: the rules of the RBAC authorizer for the cases the provider meets (no
// aggregation, no non-resource URLs). A Role (or a ClusterRole bound by a RoleBinding) applies
// in its namespace only; a ClusterRole bound by a ClusterRoleBinding applies everywhere.
import type { ApiCall } from '../fake-apiserver/server.js';
import type { ManifestObject } from './manifests.js';

/** One rule of a Role or ClusterRole. */
export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
}

/** A rule together with where it applies (undefined: cluster-wide). */
export interface GrantedRule {
  rule: PolicyRule;
  namespace?: string;
  /** `Role openfaas-fn/faas-provider` — for messages. */
  source: string;
}

type Binding = {
  kind: string;
  metadata: { name: string; namespace?: string };
  roleRef: { kind: string; name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
};

/** Every rule granted to a ServiceAccount by the given objects. */
export function grantedRules(
  objects: ManifestObject[],
  account: { namespace: string; name: string },
): GrantedRule[] {
  const all = objects.map((o) => o.object as unknown as Record<string, unknown> & ManifestObject['object']);
  const role = (kind: string, name: string, namespace?: string) =>
    all.find(
      (o) =>
        o.kind === kind &&
        o.metadata.name === name &&
        (kind === 'ClusterRole' || o.metadata.namespace === namespace),
    );
  const granted: GrantedRule[] = [];
  for (const o of all) {
    if (o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') continue;
    const binding = o as unknown as Binding;
    const bound = (binding.subjects ?? []).some(
      (s) => s.kind === 'ServiceAccount' && s.name === account.name && s.namespace === account.namespace,
    );
    if (!bound) continue;
    const target = role(binding.roleRef.kind, binding.roleRef.name, binding.metadata.namespace);
    if (!target)
      throw new Error(
        `${binding.kind} ${binding.metadata.name} refers to missing ${binding.roleRef.kind} ${binding.roleRef.name}`,
      );
    const namespace = binding.kind === 'RoleBinding' ? binding.metadata.namespace : undefined;
    for (const rule of (target.rules ?? []) as PolicyRule[]) {
      granted.push({
        rule,
        namespace,
        source: `${target.kind} ${target.metadata.namespace ? `${target.metadata.namespace}/` : ''}${target.metadata.name}`,
      });
    }
  }
  return granted;
}

/** Whether a rule covers a call (group, resource[/subresource], verb, resource name). */
export function ruleAllows(rule: PolicyRule, call: ApiCall): boolean {
  const has = (list: string[] | undefined, value: string) =>
    !!list && (list.includes('*') || list.includes(value));
  if (!has(rule.apiGroups, call.group) || !has(rule.resources, call.resource) || !has(rule.verbs, call.verb))
    return false;
  return !rule.resourceNames?.length || (call.name !== undefined && rule.resourceNames.includes(call.name));
}

/** The authorizer's decision for a call: a namespaced rule only covers calls in its namespace. */
export function allowed(granted: GrantedRule[], call: ApiCall): boolean {
  return granted.some(
    (g) => (g.namespace === undefined || g.namespace === call.namespace) && ruleAllows(g.rule, call),
  );
}
