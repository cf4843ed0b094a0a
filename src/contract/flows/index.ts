// The lifecycle flows that ship, by API id.
import { auth0ProvisioningFlow, auth0TokenFlow } from './auth0-flows.js';
import { capillaryScenarioFlow, capillaryTokenFlow } from './capillary-flows.js';
import type { Flow } from './flow.js';
import { scaikeyTokenFlow } from './scaikey-flows.js';
import { twilioUserFlow } from './twilio-flows.js';

export const builtinFlows: Flow[] = [
  auth0TokenFlow,
  auth0ProvisioningFlow,
  capillaryTokenFlow,
  capillaryScenarioFlow,
  scaikeyTokenFlow,
  twilioUserFlow,
];
