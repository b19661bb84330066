// The MAHSE sync dashboard (Settings section, administrators only). Plain ES module, no build step: the backoffice's
// import map provides '@umbraco-cms/backoffice/...' at run time. It talks to the sync module's Management API
// (/umbraco/management/api/v1/usync/...), which checks Umbraco's admin policy itself; the manifest's IsAdmin
// condition only keeps the tab out of other users' sight.
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { UmbTextStyles } from '@umbraco-cms/backoffice/style';
import { UMB_AUTH_CONTEXT } from '@umbraco-cms/backoffice/auth';
import { UMB_NOTIFICATION_CONTEXT } from '@umbraco-cms/backoffice/notification';

const API = '/umbraco/management/api/v1/usync/';
const POLL_MS = 500;
const GROUPS = ['All', 'Settings', 'Content'];
const CHANGES = ['Create', 'Update', 'Delete', 'Fail', 'ParentMissing', 'NoChange'];
const CHANGE_COLOR = { Create: 'positive', Update: 'warning', Delete: 'danger', Fail: 'danger', ParentMissing: 'danger', NoChange: 'default' };
const CHANGE_LABEL = { ParentMissing: 'Parent missing', NoChange: 'No change' };
const ACTIONS = {
	report: { label: 'Report (dry run)', running: 'Reporting (dry run)', path: 'import', body: (group) => ({ dryRun: true, group }) },
	import: { label: 'Import', running: 'Importing', path: 'import', body: (group) => ({ dryRun: false, group }) },
	export: { label: 'Export', running: 'Exporting', path: 'export', body: (group) => ({ group }) },
};

export class MahseSyncDashboardElement extends UmbLitElement {
	// Reactive state is declared here and set in the constructor: class fields would shadow Lit's accessors.
	static properties = {
		_report: { state: true },
		_loaded: { state: true },
		_progress: { state: true },
		_group: { state: true },
		_busy: { state: true },
		_error: { state: true },
		_status: { state: true },
		_expanded: { state: true },
		_changesOnly: { state: true },
	};

	#auth;
	#notifications;
	#pollTimer;

	constructor() {
		super();
		this._report = null;
		this._loaded = false;
		this._progress = null;
		this._group = 'All';
		this._busy = null;
		this._error = null;
		this._status = '';
		this._expanded = new Set();
		this._changesOnly = false;

		this.consumeContext(UMB_NOTIFICATION_CONTEXT, (context) => (this.#notifications = context));
		this.consumeContext(UMB_AUTH_CONTEXT, (context) => {
			const first = !this.#auth;
			this.#auth = context;
			if (first) this.#load();
		});
	}

	disconnectedCallback() {
		super.disconnectedCallback();
		this.#stopPolling();
	}

	/** Calls the sync API with the backoffice's own session; answers { ok, status, data } and never throws for HTTP errors. */
	async #request(method, path, body) {
		const config = this.#auth.getOpenApiConfiguration();
		const headers = { Authorization: `Bearer ${await config.token()}` };
		if (body !== undefined) headers['Content-Type'] = 'application/json';
		const response = await fetch(`${config.base ?? ''}${API}${path}`, {
			method,
			credentials: config.credentials,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let data = null;
		try {
			data = text ? JSON.parse(text) : null;
		} catch {
			data = { title: text };
		}
		return { ok: response.ok, status: response.status, data };
	}

	async #load() {
		try {
			const [report, progress] = await Promise.all([this.#request('GET', 'report'), this.#request('GET', 'progress')]);
			if (report.ok) this._report = report.data;
			else if (report.status !== 404) this.#fail('The last report could not be read', report);
			if (progress.ok) {
				this._progress = progress.data;
				// Someone else's import or export is running: follow it, then show its report.
				if (progress.data.running) this.#followRunning();
			}
		} catch (error) {
			this.#fail('The sync API could not be reached', { data: { detail: String(error) } });
		} finally {
			this._loaded = true;
		}
	}

	async #run(key) {
		if (this._busy) return;
		const action = ACTIONS[key];
		this._busy = key;
		this._error = null;
		this._status = `${action.running}…`;
		this._progress = { action: action.label, running: true, handler: null, done: 0, total: 0 };
		this.#startPolling();
		try {
			const result = await this.#request('POST', action.path, action.body(this._group));
			if (result.ok) {
				this._report = result.data;
				this._expanded = new Set();
				this._status = `${action.label} finished: ${this.#summary(result.data)}.`;
				this.#notifications?.peek(result.data.hasFailures ? 'warning' : 'positive', {
					data: { headline: `${action.label} finished`, message: this.#summary(result.data) },
				});
			} else {
				this.#fail(`${action.label} did not run`, result);
			}
		} catch (error) {
			this.#fail(`${action.label} did not run`, { data: { detail: String(error) } });
		} finally {
			this.#stopPolling();
			this._busy = null;
			await this.#pollOnce();
		}
	}

	#followRunning() {
		this._busy = 'other';
		this._status = `${this._progress.action} is running…`;
		this.#startPolling(async () => {
			const report = await this.#request('GET', 'report');
			if (report.ok) this._report = report.data;
			this._busy = null;
			this._status = `${this._progress.action} finished.`;
		});
	}

	#startPolling(whenIdle) {
		this.#stopPolling();
		this.#pollTimer = setInterval(async () => {
			const progress = await this.#pollOnce();
			if (whenIdle && progress && !progress.running) {
				this.#stopPolling();
				await whenIdle();
			}
		}, POLL_MS);
	}

	#stopPolling() {
		clearInterval(this.#pollTimer);
		this.#pollTimer = undefined;
	}

	async #pollOnce() {
		try {
			const result = await this.#request('GET', 'progress');
			if (result.ok) this._progress = result.data;
			return result.ok ? result.data : null;
		} catch {
			return null; // A missed poll is not worth an error; the next one or the answer itself will tell.
		}
	}

	#fail(headline, result) {
		const problem = result?.data ?? {};
		const message = [problem.title, problem.detail].filter(Boolean).join(': ') || `HTTP ${result?.status}`;
		this._error = `${headline}. ${message}`;
		this._status = '';
		this.#notifications?.peek('danger', { data: { headline, message } });
	}

	#summary(report) {
		const t = report.totals;
		const parts = CHANGES.filter((c) => t[this.#totalKey(c)] > 0).map((c) => `${t[this.#totalKey(c)]} ${CHANGE_LABEL[c] ?? c}`);
		return `${t.items} item${t.items === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''}`;
	}

	#totalKey(change) {
		return change.charAt(0).toLowerCase() + change.slice(1);
	}

	#toggle(index) {
		const expanded = new Set(this._expanded);
		if (!expanded.delete(index)) expanded.add(index);
		this._expanded = expanded;
	}

	render() {
		return html`
			<uui-box headline="MAHSE sync">
				<p class="intro">
					MAHSE's own sync module. It reads and writes the site's schema and content as files in uSync's v17 format
					(<code>${this._report?.folder ?? 'uSync/v17'}</code>), so they can travel between sites, including sites that
					run uSync; it is not uSync itself.
					<strong>Report</strong> shows what an import would change without changing anything,
					<strong>Import</strong> applies the files to this site, <strong>Export</strong> writes this site to the files.
				</p>
				<div class="controls" role="group" aria-label="Sync actions">
					<div class="group-choice">
						<span id="group-label">Group</span>
						<uui-select
							label="Group"
							.options=${GROUPS.map((g) => ({ name: g, value: g, selected: g === this._group }))}
							?disabled=${!!this._busy}
							@change=${(e) => (this._group = e.target.value)}></uui-select>
					</div>
					${Object.entries(ACTIONS).map(
						([key, action]) => html`<uui-button
							look=${key === 'report' ? 'primary' : 'secondary'}
							color=${key === 'import' ? 'positive' : 'default'}
							label=${action.label}
							.state=${this._busy === key ? 'waiting' : undefined}
							?disabled=${!!this._busy}
							@click=${() => this.#run(key)}></uui-button>`,
					)}
				</div>
				${this.#renderProgress()}
				<p class="status" role="status" aria-live="polite">${this._status}</p>
				${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
			</uui-box>
			${this.#renderReport()}
		`;
	}

	#renderProgress() {
		const p = this._progress;
		if (!this._busy || !p) return nothing;
		const known = p.total > 0;
		const text = known ? `${p.done} of ${p.total}${p.handler ? ` — ${p.handler}` : ''}` : 'Starting…';
		return html`
			<div class="progress">
				<uui-progress-bar
					label="Sync progress"
					.progress=${known ? Math.min(100, (p.done / p.total) * 100) : 0}
					?indeterminate=${!known}></uui-progress-bar>
				<span class="progress-text">${text}</span>
			</div>
		`;
	}

	#renderReport() {
		if (!this._loaded) return html`<uui-box headline="Last report"><uui-loader></uui-loader></uui-box>`;
		const report = this._report;
		if (!report) {
			return html`<uui-box headline="Last report"><p>No report yet: nothing has been imported, reported or exported since the site started.</p></uui-box>`;
		}

		const lines = report.lines.map((line, index) => ({ line, index })).filter(({ line }) => !this._changesOnly || line.change !== 'NoChange');
		const heading = report.dryRun ? 'Last report (dry run: nothing was changed)' : `Last report (${report.action})`;
		return html`
			<uui-box headline=${heading}>
				<p class="summary">
					${report.action} of <code>${report.folder}</code>, started ${new Date(report.startedAt).toLocaleString()},
					took ${report.durationMilliseconds} ms: ${this.#summary(report)}.
					${report.hasFailures ? html`<strong class="failures">Some items failed.</strong>` : nothing}
				</p>
				<ul class="totals" aria-label="Totals">
					${CHANGES.map(
						(c) => html`<li><uui-tag color=${CHANGE_COLOR[c]} look="secondary">${CHANGE_LABEL[c] ?? c}</uui-tag> ${report.totals[this.#totalKey(c)]}</li>`,
					)}
				</ul>
				<uui-toggle
					label="Only items with changes"
					?checked=${this._changesOnly}
					@change=${(e) => (this._changesOnly = e.target.checked)}></uui-toggle>
				${lines.length === 0
					? html`<p>No items to show.</p>`
					: html`
							<table>
								<caption class="visually-hidden">Items of the report</caption>
								<thead>
									<tr>
										<th scope="col">Change</th>
										<th scope="col">Type</th>
										<th scope="col">Alias</th>
										<th scope="col">File</th>
										<th scope="col">Message</th>
										<th scope="col"><span class="visually-hidden">Details</span></th>
									</tr>
								</thead>
								<tbody>
									${lines.map(({ line, index }) => this.#renderLine(line, index))}
								</tbody>
							</table>
						`}
			</uui-box>
		`;
	}

	#renderLine(line, index) {
		const details = line.details ?? [];
		const warnings = line.warnings ?? [];
		const more = details.length + warnings.length;
		const expanded = this._expanded.has(index);
		const id = `line-details-${index}`;
		const moreText = [
			details.length ? `${details.length} field${details.length === 1 ? '' : 's'}` : '',
			warnings.length ? `${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '',
		]
			.filter(Boolean)
			.join(', ');
		return html`
			<tr class=${line.success ? '' : 'failed'}>
				<td class="change"><uui-tag color=${CHANGE_COLOR[line.change] ?? 'default'} look="primary">${CHANGE_LABEL[line.change] ?? line.change}</uui-tag></td>
				<td>${line.itemType}</td>
				<td>${line.alias}</td>
				<td class="file">${line.file ?? ''}</td>
				<td>${line.message ?? ''}</td>
				<td>
					${more
						? html`<button
								type="button"
								class="disclosure"
								aria-expanded=${expanded ? 'true' : 'false'}
								aria-controls=${id}
								aria-label=${`${expanded ? 'Hide' : 'Show'} ${moreText} of ${line.alias}`}
								@click=${() => this.#toggle(index)}>
								${expanded ? '▾' : '▸'} ${moreText}
							</button>`
						: nothing}
				</td>
			</tr>
			${more
				? html`<tr id=${id} class="details" ?hidden=${!expanded}>
						<td colspan="6">
							${details.length
								? html`<table class="fields">
										<caption>Fields that differ</caption>
										<thead><tr><th scope="col">Field</th><th scope="col">In the database</th><th scope="col">In the file</th></tr></thead>
										<tbody>
											${details.map((d) => html`<tr><th scope="row">${d.name}</th><td><code>${d.oldValue ?? '—'}</code></td><td><code>${d.newValue ?? '—'}</code></td></tr>`)}
										</tbody>
									</table>`
								: nothing}
							${warnings.length
								? html`<p class="warnings-heading">Warnings</p>
										<ul class="warnings">${warnings.map((w) => html`<li>${w}</li>`)}</ul>`
								: nothing}
						</td>
					</tr>`
				: nothing}
		`;
	}

	static styles = [
		UmbTextStyles,
		css`
			:host {
				display: block;
				padding: var(--uui-size-layout-1);
			}
			uui-box + uui-box {
				margin-top: var(--uui-size-layout-1);
			}
			.intro {
				max-width: 70em;
				margin-top: 0;
			}
			.controls {
				display: flex;
				flex-wrap: wrap;
				align-items: end;
				gap: var(--uui-size-space-4);
			}
			.group-choice {
				display: flex;
				flex-direction: column;
				gap: var(--uui-size-space-1);
			}
			#group-label {
				font-weight: 700;
			}
			.progress {
				display: flex;
				align-items: center;
				gap: var(--uui-size-space-4);
				margin-top: var(--uui-size-space-5);
			}
			.progress uui-progress-bar {
				flex: 1;
			}
			.status:empty {
				display: none;
			}
			.error {
				margin-top: var(--uui-size-space-4);
				padding: var(--uui-size-space-4);
				border-left: 4px solid var(--uui-color-danger);
				background: var(--uui-color-danger-standalone, #fbe9e9);
				color: var(--uui-color-danger-contrast, inherit);
			}
			.totals {
				display: flex;
				flex-wrap: wrap;
				gap: var(--uui-size-space-4);
				list-style: none;
				padding: 0;
			}
			.failures {
				color: var(--uui-color-danger);
			}
			table {
				width: 100%;
				border-collapse: collapse;
				margin-top: var(--uui-size-space-4);
			}
			th,
			td {
				text-align: left;
				vertical-align: top;
				padding: var(--uui-size-space-2) var(--uui-size-space-3);
				border-bottom: 1px solid var(--uui-color-divider);
			}
			thead th {
				border-bottom: 2px solid var(--uui-color-divider-emphasis);
			}
			td.file {
				word-break: break-all;
			}
			td.change {
				white-space: nowrap;
			}
			tr.failed {
				background: var(--uui-color-danger-standalone, #fbe9e9);
			}
			tr.details > td {
				background: var(--uui-color-surface-alt);
			}
			table.fields caption,
			.warnings-heading {
				text-align: left;
				font-weight: 700;
				margin: var(--uui-size-space-2) 0;
			}
			table.fields code {
				white-space: pre-wrap;
				word-break: break-word;
			}
			.disclosure {
				font: inherit;
				background: none;
				border: 1px solid var(--uui-color-border);
				border-radius: var(--uui-border-radius);
				padding: var(--uui-size-space-1) var(--uui-size-space-3);
				cursor: pointer;
				white-space: nowrap;
				color: var(--uui-color-interactive);
			}
			.disclosure:focus-visible {
				outline: 2px solid var(--uui-color-focus);
				outline-offset: 2px;
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

customElements.define('mahse-sync-dashboard', MahseSyncDashboardElement);

export { MahseSyncDashboardElement as element };
export default MahseSyncDashboardElement;
