// `router/`: owns request routing — path templates from the specs compiled once, `match(method, path)` answering the
// operation and its path parameters (a literal segment beats a templated one), or why nothing matched.
export { createRouter, type RouteMatch, type Router } from './create-router.js';
