// What the form workspace's views share: the workspace state, edits through the context, and the server's 422 errors
// found by path. The server names errors by JSON path ("form.pages[0].fieldSets[0].containers[0].fields[1].alias",
// with or without "$." / "form."), so they are matched case-insensitively on that path; errors that match no control
// still show in the summary at the top of the Design view. Errors the server collects under "fields" or "workflows"
// are placed by the field or workflow their message names (errorsNaming).
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { UmbTextStyles } from '@umbraco-cms/backoffice/style';
import { UMB_WORKSPACE_CONTEXT } from '@umbraco-cms/backoffice/workspace';
import { FORM_WORKSPACE_ALIAS } from './form-model.js';

export const normalizeErrorKey = (key) => key.replace(/^\$\.?/, '').replace(/^form\./i, '').toLowerCase();

export class MahseFormViewBase extends UmbLitElement {
	static properties = { _s: { state: true } };

	constructor() {
		super();
		this._s = null;
		this.consumeContext(UMB_WORKSPACE_CONTEXT, (context) => {
			if (context?.workspaceAlias !== FORM_WORKSPACE_ALIAS) return;
			this.workspace = context;
			this.observe(context.state, (s) => (this._s = s));
		});
	}

	get form() {
		return this._s?.data?.form;
	}

	edit(change) {
		this.workspace?.edit(change);
	}

	/** Messages of the errors at `path` (e.g. "pages[0].fieldsets[1]") or below it; with `exact` only that path. */
	errorsAt(path, exact = false) {
		const wanted = path.toLowerCase();
		return Object.entries(this._s?.errors ?? {})
			.filter(([key]) => {
				const k = normalizeErrorKey(key);
				return exact ? k === wanted : k === wanted || k.startsWith(wanted + '.') || k.startsWith(wanted + '[');
			})
			.flatMap(([, messages]) => messages);
	}

	/**
	 * Messages under a collective key ("fields", "workflows") that name an item: the server writes one message per
	 * broken rule there, naming the field by its id or its quoted alias ("The alias 'email' is used by more than one field.").
	 */
	errorsNaming(key, needles) {
		const wanted = needles.filter(Boolean).map((n) => n.toLowerCase());
		if (!wanted.length) return [];
		return Object.entries(this._s?.errors ?? {})
			.filter(([k]) => normalizeErrorKey(k) === key)
			.flatMap(([, messages]) => messages)
			.filter((m) => wanted.some((n) => m.toLowerCase().includes(n)));
	}

	/** An error message list tied to a control by id (aria-describedby), or nothing. */
	renderErrors(id, messages) {
		if (!messages?.length) return nothing;
		return html`<ul class="errors" id=${id} role="alert">${messages.map((m) => html`<li>${m}</li>`)}</ul>`;
	}

	renderState() {
		if (!this._s || this._s.loading) return html`<uui-loader aria-label="Loading the form"></uui-loader>`;
		if (this._s.loadError) return html`<div class="problem" role="alert">${this._s.loadError}</div>`;
		return null;
	}

	static sharedStyles = [
		UmbTextStyles,
		css`
			:host {
				display: block;
				padding: var(--uui-size-layout-1);
			}
			uui-box {
				margin-bottom: var(--uui-size-space-5);
			}
			.errors {
				color: var(--uui-color-danger-standalone, #a8253c);
				margin: var(--uui-size-space-1) 0 0;
				padding-left: var(--uui-size-space-5);
			}
			.problem {
				padding: var(--uui-size-space-4);
				border-left: 4px solid var(--uui-color-danger);
				background: var(--uui-color-surface-alt);
			}
			.row {
				display: flex;
				flex-wrap: wrap;
				gap: var(--uui-size-space-4);
				align-items: flex-end;
			}
			.control {
				display: flex;
				flex-direction: column;
				gap: var(--uui-size-space-1);
				min-width: 12em;
			}
			.control.wide {
				flex: 1 1 24em;
			}
			.control > label,
			.control > .label {
				font-weight: 700;
			}
			.hint {
				color: var(--uui-color-text-alt);
				font-size: var(--uui-type-small-size, 12px);
			}
			.visually-hidden {
				position: absolute;
				width: 1px;
				height: 1px;
				overflow: hidden;
				clip: rect(0 0 0 0);
				white-space: nowrap;
			}
		`,
	];
}
