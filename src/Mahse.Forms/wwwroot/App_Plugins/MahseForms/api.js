// The MAHSE Forms Management API as the backoffice calls it: the signed-in user's own session (cookie auth in Umbraco
// 18, through the auth context's OpenAPI configuration), JSON in and out, problem details kept for the caller to show.
// Plain ES module, no build step: '@umbraco-cms/backoffice/...' comes from the backoffice's import map.
import { UMB_AUTH_CONTEXT } from '@umbraco-cms/backoffice/auth';

export const API_BASE = '/umbraco/management/api/v1/mahse-forms/';

export const ENTITY = {
	root: 'mahse-forms-root',
	folder: 'mahse-forms-folder',
	form: 'mahse-form',
};

export const SECTION_PATH = 'section/mahse-forms';

/** The path (relative to the backoffice's base) of a form's workspace; `create` opens a new form under `parent`. */
export const formPath = (id) => `${SECTION_PATH}/workspace/${ENTITY.form}/edit/${id}`;
export const newFormPath = (parentUnique) =>
	`${SECTION_PATH}/workspace/${ENTITY.form}/create/parent/${parentUnique ? ENTITY.folder : ENTITY.root}/${parentUnique ?? 'null'}`;

/**
 * Calls the API for a controller host (an element or a controller). Answers { ok, status, data } and never throws for
 * HTTP errors; data is the parsed JSON (problem details on errors) or null.
 */
export async function request(host, method, path, body) {
	const auth = await host.getContext(UMB_AUTH_CONTEXT);
	const config = auth.getOpenApiConfiguration();
	const headers = { Accept: 'application/json' };
	const token = typeof config.token === 'function' ? await config.token() : undefined;
	if (token) headers.Authorization = `Bearer ${token}`;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	let response;
	try {
		response = await fetch(`${config.base ?? ''}${API_BASE}${path}`, {
			method,
			credentials: config.credentials ?? 'same-origin',
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch (error) {
		return { ok: false, status: 0, data: { title: 'The Forms API could not be reached', detail: String(error) } };
	}
	const text = await response.text();
	let data = null;
	try {
		data = text ? JSON.parse(text) : null;
	} catch {
		data = { title: text };
	}
	return { ok: response.ok, status: response.status, data, location: response.headers.get('Location') };
}

/** One line for a failed answer: the problem's title and detail, or the status. */
export function problemText(result) {
	const p = result?.data ?? {};
	return [p.title, p.detail].filter(Boolean).join(': ') || `HTTP ${result?.status}`;
}

/** A URL of the API for links (export, print, files): the backoffice session cookie goes with it. */
export function apiUrl(path) {
	return `${API_BASE}${path}`;
}

/** Umbraco Forms' alias rule: the caption in camelCase with only letters and digits, never starting with a digit. */
export function aliasFromCaption(caption) {
	const words = (caption ?? '')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.split(/[^A-Za-z0-9]+/)
		.filter(Boolean);
	const alias = words
		.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
		.join('');
	return /^[0-9]/.test(alias) ? `f${alias}` : alias;
}

export const newId = () => crypto.randomUUID();
