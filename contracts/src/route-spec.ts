// The shape of one route of an API, as data (routes.ts and async-routes.ts list them).

/** HTTP methods the contract uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD';

/** Names of the wire types in `wire/`, as routes refer to them. */
export type WireTypeName =
  | 'FunctionDeployment'
  | 'FunctionStatus'
  | 'FunctionStatus[]'
  | 'DeleteFunctionRequest'
  | 'ScaleServiceRequest'
  | 'FunctionEndpoints'
  | 'Secret'
  | 'SecretDescription[]'
  | 'DeleteSecretRequest'
  | 'LogMessage'
  | 'ProviderInfo'
  | 'GatewayInfo'
  | 'DeadLetter'
  | 'DeadLetter[]'
  | 'RedriveResult'
  | 'RedriveAllResult'
  | 'string[]';

/** One route of an API, as data: docs, OpenAPI agreement tests and routers read it. */
export interface RouteSpec {
  /** A stable id, used as the OpenAPI operationId. */
  id: string;
  /** HTTP method. */
  method: HttpMethod;
  /** Path template in OpenAPI form (`/system/function/{name}`); `{path}` matches several segments. */
  path: string;
  /** Whether basic auth is required (when auth is on). */
  auth: boolean;
  /** One line: what happens. */
  summary: string;
  /** Statuses of success. */
  success: number[];
  /** Statuses of the errors this route itself produces (401 is implied by `auth`). */
  errors: number[];
  /** Query parameters it reads. */
  query?: string[];
  /** The JSON body it takes. */
  request?: WireTypeName;
  /** The JSON body it returns on success (`LogMessage` means an NDJSON stream of them). */
  response?: WireTypeName;
  /** Optional for a provider: answers 501 (or 404 from a provider that predates it) when absent. */
  optional?: boolean;
}
