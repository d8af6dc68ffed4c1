import type { FunctionResources } from '@faas/contracts';

/** One function of a stack file (`functions.<name>`), values substituted and validated. */
export interface StackFunction {
  /** The key under `functions`: the function's name. */
  name: string;
  /** `lang`: the template (`node`, `python3`, `bash`, `dockerfile`); absent for image-only functions. */
  lang?: string;
  /** `handler` as written (relative to the stack file). */
  handler?: string;
  /** `handler` resolved to an absolute path. */
  handlerPath?: string;
  /** `image`. */
  image: string;
  /** `fprocess`. */
  fprocess?: string;
  /** `environment`, merged with `environment_file` (the files win, as in faas-cli). */
  environment?: Record<string, string>;
  /** `labels`. */
  labels?: Record<string, string>;
  /** `annotations`. */
  annotations?: Record<string, string>;
  /** `secrets`. */
  secrets?: string[];
  /** `constraints`. */
  constraints?: string[];
  /** `limits`. */
  limits?: FunctionResources;
  /** `requests`. */
  requests?: FunctionResources;
  /** `readonly_root_filesystem`. */
  readOnlyRootFilesystem?: boolean;
  /** `namespace`. */
  namespace?: string;
  /** `build_args`: extra Docker build arguments for this function. */
  buildArgs?: Record<string, string>;
  /** `skip_build`: the image is built elsewhere; `build` skips it. */
  skipBuild?: boolean;
  /** Line of the function's key in the stack file. */
  line: number;
}

/** A parsed stack file (faas-cli `stack.yml` format). */
export interface Stack {
  /** Absolute path of the file. */
  path: string;
  /** Its directory: relative handler and environment-file paths resolve against it. */
  dir: string;
  /** `provider.name`, e.g. `openfaas`. */
  providerName?: string;
  /** `provider.gateway`. */
  gateway?: string;
  /** `provider.network`, sent as every function's `network`. */
  network?: string;
  /** The functions, in file order. */
  functions: StackFunction[];
  /** Things worth saying that do not stop the command (unknown fields). */
  warnings: string[];
}
