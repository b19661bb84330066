// Loaded by the manifest's "api" path: Umbraco uses a module's "api" (or default) export.
export { MahseDeleteFormEntityAction as api } from './form-entity-actions.js';
