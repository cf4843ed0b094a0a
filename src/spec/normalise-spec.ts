// Turns a bundled OpenAPI document into the normalised model (operations, parameters, responses, examples).
import { joinPointer, resolvePointer } from './json-pointer.js';
import type {
  ApiSpec,
  Example,
  Header,
  MediaType,
  Operation,
  Parameter,
  ParameterLocation,
  RequestBody,
  ResponseSpec,
  SchemaDialect,
  SchemaRef,
  SecurityRequirement,
  SecurityScheme,
} from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Follows `$ref` chains of non-schema objects (responses, parameters, headers, examples), keeping the pointer. */
function deref(doc: Obj, node: unknown, pointer: string): { node: Obj; pointer: string } | undefined {
  let current = node;
  let at = pointer;
  for (let hops = 0; hops < 20 && isObj(current) && typeof current.$ref === 'string'; hops++) {
    at = current.$ref;
    current = resolvePointer(doc, at);
  }
  return isObj(current) ? { node: current, pointer: at } : undefined;
}

function readSchema(node: Obj, pointer: string): SchemaRef | undefined {
  const schema = node.schema;
  if (isObj(schema) || typeof schema === 'boolean') return { schema, pointer: joinPointer(pointer, 'schema') };
  return undefined;
}

function readExamples(doc: Obj, node: Obj, pointer: string): Example[] {
  const out: Example[] = [];
  if ('example' in node) out.push({ name: 'example', value: node.example, pointer: joinPointer(pointer, 'example') });
  if (isObj(node.examples)) {
    for (const [name, raw] of Object.entries(node.examples)) {
      const ex = deref(doc, raw, joinPointer(pointer, 'examples', name));
      if (ex && 'value' in ex.node) out.push({ name, value: ex.node.value, pointer: joinPointer(ex.pointer, 'value') });
    }
  }
  return out;
}

function readContent(doc: Obj, content: unknown, pointer: string): MediaType[] {
  if (!isObj(content)) return [];
  return Object.entries(content).flatMap(([mediaType, raw]) => {
    const at = joinPointer(pointer, mediaType);
    if (!isObj(raw)) return [];
    const schema = readSchema(raw, at);
    return [{ mediaType, ...(schema ? { schema } : {}), examples: readExamples(doc, raw, at) }];
  });
}

function readParameters(doc: Obj, list: unknown, pointer: string): Parameter[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw, i) => {
    const p = deref(doc, raw, joinPointer(pointer, i));
    if (!p || typeof p.node.name !== 'string' || typeof p.node.in !== 'string') return [];
    const schema = readSchema(p.node, p.pointer);
    return [
      {
        name: p.node.name,
        in: p.node.in as ParameterLocation,
        required: p.node.required === true || p.node.in === 'path',
        ...(schema ? { schema } : {}),
        examples: readExamples(doc, p.node, p.pointer),
        pointer: p.pointer,
      },
    ];
  });
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(pathLevel: Parameter[], opLevel: Parameter[]): Parameter[] {
  const key = (p: Parameter) => `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
  const merged = new Map(pathLevel.map((p) => [key(p), p]));
  for (const p of opLevel) merged.set(key(p), p);
  return [...merged.values()];
}

function readHeaders(doc: Obj, headers: unknown, pointer: string): Header[] {
  if (!isObj(headers)) return [];
  return Object.entries(headers).flatMap(([name, raw]) => {
    const h = deref(doc, raw, joinPointer(pointer, name));
    if (!h) return [];
    const schema = readSchema(h.node, h.pointer);
    return [{ name, required: h.node.required === true, ...(schema ? { schema } : {}), examples: readExamples(doc, h.node, h.pointer) }];
  });
}

function readResponses(doc: Obj, responses: unknown, pointer: string): ResponseSpec[] {
  if (!isObj(responses)) return [];
  return Object.entries(responses).flatMap(([status, raw]) => {
    const r = deref(doc, raw, joinPointer(pointer, status));
    if (!r) return [];
    return [
      {
        status,
        description: typeof r.node.description === 'string' ? r.node.description : '',
        headers: readHeaders(doc, r.node.headers, joinPointer(r.pointer, 'headers')),
        content: readContent(doc, r.node.content, joinPointer(r.pointer, 'content')),
        inferred: r.node['x-scimulator-inferred'] === true,
        pointer: r.pointer,
      },
    ];
  });
}

function readRequestBody(doc: Obj, raw: unknown, pointer: string): RequestBody | undefined {
  const b = deref(doc, raw, pointer);
  if (!b) return undefined;
  return {
    required: b.node.required === true,
    content: readContent(doc, b.node.content, joinPointer(b.pointer, 'content')),
    pointer: b.pointer,
  };
}

function readSecurity(raw: unknown): SecurityRequirement[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw
    .filter(isObj)
    .map((req) =>
      Object.fromEntries(Object.entries(req).map(([scheme, scopes]) => [scheme, Array.isArray(scopes) ? scopes.map(String) : []])),
    );
}

function readSecuritySchemes(doc: Obj): SecurityScheme[] {
  const components = isObj(doc.components) ? doc.components : {};
  const schemes = isObj(components.securitySchemes) ? components.securitySchemes : {};
  return Object.entries(schemes).flatMap(([name, raw]) => {
    const s = deref(doc, raw, joinPointer('#/components/securitySchemes', name));
    if (!s) return [];
    const flows = isObj(s.node.flows) ? s.node.flows : {};
    const cc = isObj(flows.clientCredentials) ? flows.clientCredentials : undefined;
    return [
      {
        name,
        type: String(s.node.type),
        ...(typeof s.node.scheme === 'string' ? { scheme: s.node.scheme } : {}),
        ...(cc && typeof cc.tokenUrl === 'string' ? { tokenUrl: cc.tokenUrl } : {}),
      },
    ];
  });
}

/** Path part of a server URL with its variables replaced by their defaults. */
export function readBasePath(serverUrl: string | undefined): string {
  if (!serverUrl) return '';
  const withoutScheme = serverUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const path = withoutScheme.startsWith('/') ? withoutScheme : '';
  return path.replace(/\/+$/, '');
}

function substituteServerVariables(server: Obj): string {
  const url = typeof server.url === 'string' ? server.url : '';
  const vars = isObj(server.variables) ? server.variables : {};
  return url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return isObj(v) && typeof v.default === 'string' ? v.default : whole;
  });
}

/** Builds the normalised model from a bundled document. `id` names the API in routes, fixtures and reports. */
export function normaliseSpec(id: string, file: string, doc: Obj): ApiSpec {
  const info = isObj(doc.info) ? doc.info : {};
  const openapi = String(doc.openapi ?? '');
  const dialect: SchemaDialect = openapi.startsWith('3.1') ? 'oas31' : 'oas30';
  const servers = Array.isArray(doc.servers) ? doc.servers.filter(isObj) : [];
  const serverUrls = servers.map(substituteServerVariables);
  const basePath = readBasePath(typeof servers[0]?.url === 'string' ? servers[0].url : undefined);
  const basePaths = [...new Set([basePath, ...servers.map((s) => readBasePath(typeof s.url === 'string' ? s.url : undefined))])];
  const globalSecurity = readSecurity(doc.security) ?? [];
  const operations: Operation[] = [];
  const paths = isObj(doc.paths) ? doc.paths : {};
  for (const [pathTemplate, rawItem] of Object.entries(paths)) {
    const itemPointer = joinPointer('#/paths', pathTemplate);
    const item = deref(doc, rawItem, itemPointer);
    if (!item) continue;
    const pathParams = readParameters(doc, item.node.parameters, joinPointer(item.pointer, 'parameters'));
    for (const method of METHODS) {
      const op = item.node[method];
      if (!isObj(op)) continue;
      const opPointer = joinPointer(item.pointer, method);
      const requestBody = op.requestBody ? readRequestBody(doc, op.requestBody, joinPointer(opPointer, 'requestBody')) : undefined;
      operations.push({
        apiId: id,
        operationId: typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${pathTemplate}`,
        method: method.toUpperCase(),
        pathTemplate,
        fullPath: basePath + pathTemplate,
        summary: typeof op.summary === 'string' ? op.summary : '',
        parameters: mergeParameters(pathParams, readParameters(doc, op.parameters, joinPointer(opPointer, 'parameters'))),
        ...(requestBody ? { requestBody } : {}),
        responses: readResponses(doc, op.responses, joinPointer(opPointer, 'responses')),
        security: readSecurity(op.security) ?? globalSecurity,
        extraScopes: Array.isArray(op['x-scimulator-scopes']) ? op['x-scimulator-scopes'].map(String) : [],
        inferred: op['x-scimulator-inferred'] === true,
        pointer: opPointer,
      });
    }
  }
  return {
    id,
    title: typeof info.title === 'string' ? info.title : id,
    version: typeof info.version === 'string' ? info.version : '',
    openapi,
    dialect,
    file,
    basePath,
    basePaths,
    serverUrls,
    operations,
    securitySchemes: readSecuritySchemes(doc),
    document: doc,
  };
}
