import type { ConformanceCase } from '../case.js';
import { authCases } from './auth.js';
import { deleteCases } from './delete.js';
import { deployCases } from './deploy.js';
import { endpointCases } from './endpoints.js';
import { healthInfoCases } from './health-info.js';
import { invalidDeployCases } from './invalid-deploy.js';
import { invokeCases } from './invoke.js';
import { logCases } from './logs.js';
import { scaleCases } from './scale.js';
import { secretCases } from './secrets.js';

/** Every case, in the order they run. */
export const conformanceCases: readonly ConformanceCase[] = [
  ...healthInfoCases,
  ...authCases,
  ...deployCases,
  ...invalidDeployCases,
  ...invokeCases,
  ...scaleCases,
  ...secretCases,
  ...logCases,
  ...deleteCases,
  ...endpointCases,
];
