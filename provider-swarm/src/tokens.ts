// Injection tokens for the values the composition root binds (classes are their own tokens).

/** The dockerode client of a swarm manager. */
export const Docker = Symbol.for('faas.swarm.Docker');
/** The process Logger. */
export const Logger = Symbol.for('faas.swarm.Logger');
/** The one namespace functions live in (Swarm has none; `openfaas-fn`). */
export const Namespace = Symbol.for('faas.swarm.Namespace');
/** The configured functions network, '' = look up the one labelled openfaas=true. */
export const FunctionNetwork = Symbol.for('faas.swarm.FunctionNetwork');
/** Health-check interval for function tasks, ms. */
export const HealthIntervalMs = Symbol.for('faas.swarm.HealthIntervalMs');
/** The ReplicaResolver the config chose. */
export const ReplicaResolver = Symbol.for('faas.swarm.ReplicaResolver');
/** Everything `createProviderApp` needs. */
export const ProviderRoles = Symbol.for('faas.swarm.ProviderRoles');
