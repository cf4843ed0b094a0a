// The lifecycle flows that ship, by API id.
import { auth0ProvisioningFlow, auth0TokenFlow } from './auth0-flows.js';
import { capillaryScenarioFlow, capillaryTokenFlow } from './capillary-flows.js';
import type { Flow } from './flow.js';

export const builtinFlows: Flow[] = [auth0TokenFlow, auth0ProvisioningFlow, capillaryTokenFlow, capillaryScenarioFlow];
