// The per-response contract checks, shared with the mock's --strict mode (they live in validate/).
export { checkBodySchema, checkContentType, checkHeaders, checkStatusDocumented, validateResponse } from '../../validate/index.js';
