// The names this provider writes on Kubernetes objects. Users see them with kubectl, so they are
// documented in the README ("What a function looks like in Kubernetes").

/** Label and selector that ties a Deployment, its pods and its Service to one function. */
export const FUNCTION_LABEL = 'faas_function';

/** Recommended Kubernetes label naming the tool that manages an object. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** Value of {@link MANAGED_BY_LABEL} on every object this provider creates. */
export const MANAGED_BY = 'faas';

/** Pod-template label changed on every update, so `PUT /system/functions` always rolls the pods. */
export const ROLLOUT_LABEL = 'uid';

/** Annotation added to Deployment, pod template and Service unless the user sets it. */
export const SCRAPE_ANNOTATION = 'prometheus.io.scrape';

/** Prefix of the annotations this provider keeps for itself; never echoed to users. */
export const INTERNAL_PREFIX = 'faas.provider/';

/** The limits and requests strings exactly as deployed (JSON), so they read back unchanged. */
export const RESOURCES_ANNOTATION = `${INTERNAL_PREFIX}resources`;

/** The constraints exactly as deployed (JSON), so they read back unchanged. */
export const CONSTRAINTS_ANNOTATION = `${INTERNAL_PREFIX}constraints`;

/** The generation whose pod template is current (the last deploy or update by the provider). */
export const TEMPLATE_GENERATION_ANNOTATION = `${INTERNAL_PREFIX}template-generation`;

/** Set when {@link SCRAPE_ANNOTATION} was added by the provider rather than sent by the user. */
export const SCRAPE_DEFAULTED_ANNOTATION = `${INTERNAL_PREFIX}scrape-defaulted`;

/** Name of the projected volume that carries a function's secrets. */
export const SECRETS_VOLUME = 'faas-secrets';

/** Name of the emptyDir volume mounted at `/tmp` when the root filesystem is read-only. */
export const TMP_VOLUME = 'faas-tmp';

/** Label selector matching every function's objects. */
export const FUNCTIONS_SELECTOR = FUNCTION_LABEL;
