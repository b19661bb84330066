// The Entries view of a form: a filtered, paged table of entries, one entry's values, files, audit trail and workflow
// runs, Approve / Reject, CSV / XLSX export and print. The API answers 403 to users outside the entry reader groups
// (Mahse:Forms:EntryReaderGroups, Administrators and Reviewers by default); the view says so instead of a table.
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UMB_NOTIFICATION_CONTEXT } from '@umbraco-cms/backoffice/notification';
import { apiUrl, problemText, request } from './api.js';
import { MahseFormViewBase } from './form-view-base.js';

const STATES = ['Submitted', 'Approved', 'Rejected'];
const PAGE_SIZE = 20;

export class MahseFormEntriesElement extends MahseFormViewBase {
	static properties = {
		...MahseFormViewBase.properties,
		_page: { state: true },
		_filters: { state: true },
		_skip: { state: true },
		_loading: { state: true },
		_forbidden: { state: true },
		_error: { state: true },
		_entry: { state: true },
		_busy: { state: true },
		_status: { state: true },
	};

	#formId;

	constructor() {
		super();
		this._page = null;
		this._filters = { state: '', from: '', to: '', q: '' };
		this._skip = 0;
		this._forbidden = false;
		this._status = '';
		this.consumeContext(UMB_NOTIFICATION_CONTEXT, (c) => (this.notifications = c));
	}

	updated() {
		const s = this._s;
		if (!s || s.loading || s.isNew || !s.data) return;
		const id = s.data.form.id;
		if (id !== this.#formId) {
			this.#formId = id;
			this._entry = null;
			this.#load();
		}
	}

	#query(extra = {}) {
		const f = this._filters;
		const params = new URLSearchParams();
		if (f.state) params.set('state', f.state);
		// Dates are whole days: from the start of "from" to the end of "to" (UTC).
		if (f.from) params.set('from', `${f.from}T00:00:00Z`);
		if (f.to) params.set('to', `${f.to}T23:59:59Z`);
		if (f.q) params.set('q', f.q);
		for (const [k, v] of Object.entries(extra)) params.set(k, String(v));
		return params.toString();
	}

	async #load() {
		this._loading = true;
		const result = await request(this, 'GET', `form/${this.#formId}/entry?${this.#query({ skip: this._skip, take: PAGE_SIZE })}`);
		this._loading = false;
		this._forbidden = result.status === 403;
		this._error = result.ok || this._forbidden ? null : problemText(result);
		this._page = result.ok ? result.data : null;
		if (result.ok) this._status = `${result.data.total} entr${result.data.total === 1 ? 'y' : 'ies'} found.`;
	}

	async #open(id) {
		const result = await request(this, 'GET', `entry/${id}`);
		if (!result.ok) {
			this._error = problemText(result);
			return;
		}
		this._entry = result.data;
		await this.updateComplete;
		this.renderRoot.querySelector('#entry-heading')?.focus();
	}

	async #setState(action) {
		const entry = this._entry;
		this._busy = action;
		const result = await request(this, 'POST', `entry/${entry.id}/${action}`);
		this._busy = null;
		const verb = action === 'approve' ? 'approved' : 'rejected';
		if (!result.ok) {
			const message = result.status === 409 ? `The entry is already ${verb}.` : problemText(result);
			this.notifications?.peek('danger', { data: { headline: `The entry was not ${verb}`, message } });
			return;
		}
		this.notifications?.peek('positive', { data: { headline: `Entry ${verb}`, message: 'Its workflows for that stage are queued.' } });
		this._status = `Entry ${verb}.`;
		await Promise.all([this.#open(entry.id), this.#load()]);
	}

	#apply(e) {
		e?.preventDefault();
		this._skip = 0;
		this.#load();
	}

	#caption(alias) {
		return this._page?.fields?.find((f) => f.alias === alias)?.caption ?? alias;
	}

	render() {
		const state = this.renderState();
		if (state) return state;
		if (this._s.isNew) return html`<uui-box headline="Entries"><p>Save the form first: a new form has no entries.</p></uui-box>`;
		if (this._forbidden)
			return html`<uui-box headline="Entries"
				><div class="problem" role="alert">
					<strong>You cannot read this form's entries.</strong>
					Entries hold applicants' personal data, so only the user groups allowed to review them (Administrators and Reviewers,
					unless the site is configured otherwise) can open them. Ask an administrator if you need access.
				</div></uui-box
			>`;
		return html`
			${this.#renderFilters()}
			<p class="status" role="status" aria-live="polite">${this._status}</p>
			${this._error ? html`<div class="problem" role="alert">${this._error}</div>` : nothing} ${this.#renderTable()} ${this.#renderEntry()}
		`;
	}

	#renderFilters() {
		const set = (key) => (e) => (this._filters = { ...this._filters, [key]: e.target.value });
		const exportQuery = this.#query();
		return html`
			<uui-box headline="Entries">
				<form class="filters" role="search" aria-label="Filter entries" @submit=${(e) => this.#apply(e)}>
					<div class="control">
						<label for="filter-state">State</label>
						<uui-select
							id="filter-state"
							label="State"
							.options=${[{ name: 'All states', value: '', selected: !this._filters.state }, ...STATES.map((s) => ({ name: s, value: s, selected: s === this._filters.state }))]}
							@change=${set('state')}></uui-select>
					</div>
					<div class="control">
						<label for="filter-from">From (date)</label>
						<uui-input id="filter-from" type="date" label="From (date)" .value=${this._filters.from} @change=${set('from')} @input=${set('from')}></uui-input>
					</div>
					<div class="control">
						<label for="filter-to">To (date)</label>
						<uui-input id="filter-to" type="date" label="To (date)" .value=${this._filters.to} @change=${set('to')} @input=${set('to')}></uui-input>
					</div>
					<div class="control wide">
						<label for="filter-q">Text</label>
						<uui-input id="filter-q" type="search" label="Text in the entry's values" .value=${this._filters.q} @input=${set('q')}></uui-input>
					</div>
					<uui-button type="submit" look="primary" label="Filter" @click=${() => this.#apply()}></uui-button>
				</form>
				<div class="exports">
					<a class="link-button" href=${apiUrl(`form/${this.#formId}/entry/export?format=csv${exportQuery ? '&' + exportQuery : ''}`)} download>Export CSV</a>
					<a class="link-button" href=${apiUrl(`form/${this.#formId}/entry/export?format=xlsx${exportQuery ? '&' + exportQuery : ''}`)} download>Export XLSX</a>
				</div>
			</uui-box>
		`;
	}

	#renderTable() {
		if (this._loading && !this._page) return html`<uui-loader aria-label="Loading entries"></uui-loader>`;
		const page = this._page;
		if (!page) return nothing;
		if (!page.items.length) return html`<p>No entries match.</p>`;
		// The first few fields give each row something recognisable; the entry itself shows them all.
		const columns = (page.fields ?? []).slice(0, 3);
		const last = Math.min(page.total, this._skip + page.items.length);
		return html`
			<table class="entries">
				<caption class="visually-hidden">Entries of the form</caption>
				<thead>
					<tr>
						<th scope="col">Submitted</th>
						<th scope="col">State</th>
						${columns.map((f) => html`<th scope="col">${f.caption}</th>`)}
						<th scope="col"><span class="visually-hidden">Open</span></th>
					</tr>
				</thead>
				<tbody>
					${page.items.map(
						(item) => html`<tr class=${this._entry?.id === item.id ? 'current' : ''}>
							<td>${new Date(item.created).toLocaleString()}</td>
							<td><uui-tag look="secondary" color=${item.state === 'Approved' ? 'positive' : item.state === 'Rejected' ? 'danger' : 'default'}>${item.state}</uui-tag></td>
							${columns.map((f) => html`<td>${(item.values?.[f.alias] ?? []).join(', ')}</td>`)}
							<td>
								<uui-button compact look="secondary" label=${`Open entry of ${new Date(item.created).toLocaleString()}`} @click=${() => this.#open(item.id)}>Open</uui-button>
							</td>
						</tr>`,
					)}
				</tbody>
			</table>
			<nav class="paging" aria-label="Pages of entries">
				<uui-button look="secondary" label="Previous entries" ?disabled=${this._skip === 0}
					@click=${() => {
						this._skip = Math.max(0, this._skip - PAGE_SIZE);
						this.#load();
					}}></uui-button>
				<span>${this._skip + 1}–${last} of ${page.total}</span>
				<uui-button look="secondary" label="Next entries" ?disabled=${last >= page.total}
					@click=${() => {
						this._skip += PAGE_SIZE;
						this.#load();
					}}></uui-button>
			</nav>
		`;
	}

	#renderEntry() {
		const e = this._entry;
		if (!e) return nothing;
		const files = e.files ?? [];
		return html`
			<uui-box class="entry">
				<h3 slot="headline" id="entry-heading" tabindex="-1">Entry of ${new Date(e.created).toLocaleString()} (${e.state})</h3>
				<div slot="header-actions" class="actions">
					<uui-button look="primary" color="positive" label="Approve" ?disabled=${e.state === 'Approved' || !!this._busy}
						.state=${this._busy === 'approve' ? 'waiting' : undefined} @click=${() => this.#setState('approve')}></uui-button>
					<uui-button look="primary" color="danger" label="Reject" ?disabled=${e.state === 'Rejected' || !!this._busy}
						.state=${this._busy === 'reject' ? 'waiting' : undefined} @click=${() => this.#setState('reject')}></uui-button>
					<a class="link-button" href=${apiUrl(`entry/${e.id}/print`)} target="_blank" rel="noopener">Print</a>
					<uui-button look="secondary" label="Close entry" @click=${() => (this._entry = null)}></uui-button>
				</div>
				<h4>Values</h4>
				<dl class="values">
					${Object.entries(e.values ?? {}).map(([alias, values]) => html`<dt>${this.#caption(alias)}</dt><dd>${values.length ? values.join(', ') : '—'}</dd>`)}
				</dl>
				${files.length
					? html`<h4>Files</h4>
							<ul>
								${files.map((f) => html`<li><a href=${f.url ?? apiUrl(`entry/${e.id}/file?field=${encodeURIComponent(f.fieldAlias)}&name=${encodeURIComponent(f.name)}`)}>${f.name}</a> (${this.#caption(f.fieldAlias)})</li>`)}
							</ul>`
					: nothing}
				<h4>Audit</h4>
				<table>
					<caption class="visually-hidden">Audit trail</caption>
					<thead><tr><th scope="col">State</th><th scope="col">When</th><th scope="col">By</th></tr></thead>
					<tbody>${(e.audit ?? []).map((a) => html`<tr><td>${a.state}</td><td>${new Date(a.at).toLocaleString()}</td><td>${a.by ?? '—'}</td></tr>`)}</tbody>
				</table>
				<h4>Workflow runs</h4>
				${(e.workflows ?? []).length
					? html`<table class="workflow-runs">
							<caption class="visually-hidden">Workflow runs</caption>
							<thead><tr><th scope="col">Workflow</th><th scope="col">Stage</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col">Completed</th></tr></thead>
							<tbody>
								${e.workflows.map(
									(w) => html`<tr>
										<td>${w.name}</td><td>${w.stage}</td><td>${w.status}</td><td>${w.attempts}</td><td>${w.lastError ?? ''}</td>
										<td>${w.completedAt ? new Date(w.completedAt).toLocaleString() : ''}</td>
									</tr>`,
								)}
							</tbody>
						</table>`
					: html`<p>No workflow has run for this entry.</p>`}
			</uui-box>
		`;
	}

	static styles = [
		...MahseFormViewBase.sharedStyles,
		css`
			.filters {
				display: flex;
				flex-wrap: wrap;
				gap: var(--uui-size-space-4);
				align-items: flex-end;
			}
			.exports,
			.actions,
			.paging {
				display: flex;
				flex-wrap: wrap;
				gap: var(--uui-size-space-3);
				align-items: center;
				margin-top: var(--uui-size-space-4);
			}
			.actions {
				margin-top: 0;
			}
			.link-button {
				display: inline-block;
				padding: var(--uui-size-space-2) var(--uui-size-space-4);
				border: 1px solid var(--uui-color-border-emphasis);
				border-radius: var(--uui-border-radius);
				color: var(--uui-color-interactive);
				text-decoration: none;
			}
			.link-button:focus-visible {
				outline: 2px solid var(--uui-color-focus);
			}
			.status:empty {
				display: none;
			}
			table {
				width: 100%;
				border-collapse: collapse;
				background: var(--uui-color-surface);
			}
			th,
			td {
				text-align: left;
				padding: var(--uui-size-space-2) var(--uui-size-space-3);
				border-bottom: 1px solid var(--uui-color-divider);
			}
			tr.current {
				background: var(--uui-color-surface-alt);
			}
			#entry-heading {
				margin: 0;
				font-size: var(--uui-type-h5-size, 1rem);
			}
			dl.values {
				display: grid;
				grid-template-columns: minmax(10em, max-content) 1fr;
				gap: var(--uui-size-space-2) var(--uui-size-space-4);
			}
			dt {
				font-weight: 700;
			}
			dd {
				margin: 0;
				white-space: pre-wrap;
			}
			.entry {
				margin-top: var(--uui-size-space-5);
			}
		`,
	];
}

customElements.define('mahse-form-entries', MahseFormEntriesElement);
export { MahseFormEntriesElement as element };
export default MahseFormEntriesElement;
