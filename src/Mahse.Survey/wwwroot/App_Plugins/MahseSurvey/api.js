// The survey's Management API as the Survey section calls it: the signed-in user's own session (through the auth
// context's OpenAPI configuration, as the Forms section does). Shared by the section's views; no manifest names this
// module (Umbraco 18 loads manifest modules with ?umb__rnd=…, so a module both named and imported would load twice).
import { UMB_AUTH_CONTEXT } from '@umbraco-cms/backoffice/auth';

export const API_BASE = '/umbraco/management/api/v1/survey/';

async function session(host) {
	const auth = await host.getContext(UMB_AUTH_CONTEXT);
	const config = auth.getOpenApiConfiguration();
	const token = typeof config.token === 'function' ? await config.token() : undefined;
	return { base: config.base ?? '', credentials: config.credentials ?? 'same-origin', token };
}

function parse(text) {
	try {
		return text ? JSON.parse(text) : null;
	} catch {
		return { title: text };
	}
}

/** GET (or another method) as JSON. Answers { ok, status, data } and never throws for HTTP errors. */
export async function request(host, method, path) {
	const { base, credentials, token } = await session(host);
	const headers = { Accept: 'application/json' };
	if (token) headers.Authorization = `Bearer ${token}`;
	try {
		const response = await fetch(`${base}${API_BASE}${path}`, { method, credentials, headers });
		return { ok: response.ok, status: response.status, data: parse(await response.text()) };
	} catch (error) {
		return { ok: false, status: 0, data: { title: 'The survey API could not be reached', detail: String(error) } };
	}
}

/**
 * Posts a multipart form with XMLHttpRequest, for its upload progress: onProgress(fraction 0..1, or null when the
 * size is unknown) while the file goes up. Answers { ok, status, data } like request().
 */
export async function upload(host, path, formData, onProgress) {
	const { base, credentials, token } = await session(host);
	return new Promise((resolve) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', `${base}${API_BASE}${path}`);
		xhr.withCredentials = credentials === 'include';
		xhr.setRequestHeader('Accept', 'application/json');
		if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
		xhr.upload.addEventListener('progress', (e) => onProgress?.(e.lengthComputable ? e.loaded / e.total : null));
		xhr.upload.addEventListener('load', () => onProgress?.(1));
		xhr.addEventListener('load', () => resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, data: parse(xhr.responseText) }));
		xhr.addEventListener('error', () => resolve({ ok: false, status: 0, data: { title: 'The upload failed (network error)' } }));
		xhr.addEventListener('abort', () => resolve({ ok: false, status: 0, data: { title: 'The upload was cancelled' } }));
		xhr.send(formData);
	});
}

/** One line for a failed answer: the problem's title, detail and field errors, or the status. */
export function problemText(result) {
	const p = result?.data ?? {};
	const errors = p.errors ? Object.values(p.errors).flat() : [];
	if (result?.status === 403) return 'You are not allowed to do this (403).';
	return [p.title, p.detail, ...errors].filter(Boolean).join(': ') || `HTTP ${result?.status}`;
}

/** A URL of the API for links (export): the backoffice session cookie goes with it. */
export const apiUrl = (path) => `${API_BASE}${path}`;

/** Readable labels for the survey's activity keys. */
export const ACTIVITY_LABELS = {
	audit: 'Audit',
	serviceImprovement: 'Service improvement',
	research: 'Research',
	innovation: 'Innovation',
	publication: 'Publication',
	grantHolding: 'Grant holding',
};

export const activityLabel = (key) => ACTIVITY_LABELS[key] ?? key;

/**
 * A highlight from the search (Lucene's SimpleHTMLFormatter with <mark>, the rest HTML-encoded) as parts to render
 * without innerHTML: [{ text, mark }]. Anything but <mark> is shown as text.
 */
export function highlightParts(fragment) {
	const doc = new DOMParser().parseFromString(`<body>${fragment}</body>`, 'text/html');
	const parts = [];
	for (const node of doc.body.childNodes) {
		parts.push({ text: node.textContent ?? '', mark: node.nodeName === 'MARK' });
	}
	return parts;
}
