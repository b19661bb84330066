// The Survey section's overview: import a CSV/XLSX export (upload progress, then the import report) and charts of the
// responses by division, region (sub-region), career stage and activity, from the summary endpoint, drawn with chart.js.
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { UmbTextStyles } from '@umbraco-cms/backoffice/style';
import { UMB_CURRENT_USER_CONTEXT } from '@umbraco-cms/backoffice/current-user';
import { activityLabel, problemText, request, upload } from './api.js';
import { loadChart } from './chart-loader.js';

const CHARTS = [
	{ key: 'divisions', title: 'Responses by division', axis: 'y' },
	{ key: 'subRegions', title: 'Responses by region', axis: 'y' },
	{ key: 'careerStages', title: 'Responses by career stage', axis: 'y' },
	{ key: 'activities', title: 'Respondents reporting each activity', axis: 'x', label: activityLabel },
];

export class MahseSurveyOverviewElement extends UmbLitElement {
	static properties = {
		_summary: { state: true },
		_error: { state: true },
		_chartError: { state: true },
		_file: { state: true },
		_mapping: { state: true },
		_progress: { state: true },
		_phase: { state: true },
		_report: { state: true },
		_importError: { state: true },
		_canImport: { state: true },
	};

	#charts = new Map();

	constructor() {
		super();
		this._summary = null;
		this._phase = 'idle';
		this._mapping = '';
		// The import is for Administrators (the API's RequireAdminAccess); others see the charts without the form.
		this.consumeContext(UMB_CURRENT_USER_CONTEXT, (context) => {
			this.observe(context?.isAdmin, (isAdmin) => (this._canImport = isAdmin !== false), 'mahseSurveyIsAdmin');
		});
	}

	connectedCallback() {
		super.connectedCallback();
		this.#load();
	}

	disconnectedCallback() {
		super.disconnectedCallback();
		for (const chart of this.#charts.values()) chart.destroy();
		this.#charts.clear();
	}

	async #load() {
		const result = await request(this, 'GET', 'summary');
		this._error = result.ok ? null : problemText(result);
		this._summary = result.ok ? result.data : null;
		await this.updateComplete;
		if (this._summary) await this.#drawCharts();
	}

	/** The summary's counts as chart rows, largest first (activities in their own order). */
	static rows(summary, chart) {
		const entries = Object.entries(summary?.[chart.key] ?? {});
		if (chart.key !== 'activities') entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
		return entries.map(([key, count]) => ({ label: chart.label ? chart.label(key) : key, count }));
	}

	async #drawCharts() {
		let Chart;
		try {
			Chart = await loadChart();
			this._chartError = null;
		} catch (error) {
			this._chartError = String(error.message ?? error);
			return;
		}
		const colour = getComputedStyle(this).getPropertyValue('--uui-color-interactive').trim() || '#1b264f';
		for (const chart of CHARTS) {
			const canvas = this.shadowRoot.querySelector(`canvas[data-chart="${chart.key}"]`);
			if (!canvas) continue;
			const rows = MahseSurveyOverviewElement.rows(this._summary, chart);
			this.#charts.get(chart.key)?.destroy();
			this.#charts.set(
				chart.key,
				new Chart(canvas, {
					type: 'bar',
					data: {
						labels: rows.map((r) => r.label),
						datasets: [{ label: 'Responses', data: rows.map((r) => r.count), backgroundColor: colour }],
					},
					options: {
						indexAxis: chart.axis,
						responsive: true,
						maintainAspectRatio: false,
						animation: false,
						plugins: { legend: { display: false }, title: { display: false } },
						scales: { [chart.axis === 'y' ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
					},
				}),
			);
		}
	}

	#pick(e) {
		this._file = e.target.files?.[0] ?? null;
		this._report = null;
		this._importError = null;
		this._phase = 'idle';
	}

	async #import(e) {
		e.preventDefault();
		if (!this._file) {
			this._importError = 'Choose a CSV or XLSX file first.';
			return;
		}
		const form = new FormData();
		form.append('file', this._file, this._file.name);
		if (this._mapping.trim()) form.append('mapping', this._mapping.trim());
		this._report = null;
		this._importError = null;
		this._progress = 0;
		this._phase = 'uploading';
		const result = await upload(this, 'import', form, (fraction) => {
			if (fraction !== null) this._progress = Math.round(fraction * 100);
			if (fraction === 1) this._phase = 'processing';
		});
		this._progress = 100;
		this._phase = 'done';
		if (!result.ok) {
			this._importError = problemText(result);
			return;
		}
		this._report = result.data;
		await this.#load();
	}

	#renderImport() {
		if (this._canImport === false) {
			return html`<uui-box headline="Import responses"><p class="note">Importing survey files is for Administrators.</p></uui-box>`;
		}
		const busy = this._phase === 'uploading' || this._phase === 'processing';
		return html`
			<uui-box headline="Import responses">
				<p>Upload the survey's export as CSV or XLSX. Respondents already imported are updated, unchanged rows are left alone, and rows that cannot be read are reported with their reason. Only Administrators may import.</p>
				<form @submit=${this.#import}>
					<div class="field">
						<label for="survey-file">Survey file (CSV or XLSX)</label>
						<input id="survey-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" @change=${this.#pick} ?disabled=${busy} />
					</div>
					<details>
						<summary>Column mapping (optional)</summary>
						<label for="survey-mapping">Mapping as JSON, for example {"columns": {"organisation": "Trust"}}</label>
						<textarea id="survey-mapping" rows="4" .value=${this._mapping} @input=${(e) => (this._mapping = e.target.value)}></textarea>
					</details>
					<uui-button type="submit" look="primary" label="Import" ?disabled=${busy || !this._file}>Import</uui-button>
				</form>
				${this._phase === 'idle'
					? nothing
					: html`<div class="progress">
							<label for="survey-progress">Upload</label>
							<progress id="survey-progress" max="100" .value=${this._progress ?? 0} aria-valuetext="${this._progress ?? 0}% uploaded">${this._progress ?? 0}%</progress>
							<span role="status">${this._phase === 'uploading'
								? `Uploading… ${this._progress ?? 0}%`
								: this._phase === 'processing'
									? 'Uploaded; importing…'
									: this._importError
										? 'Import refused.'
										: 'Import finished.'}</span>
						</div>`}
				${this._importError ? html`<p class="error" role="alert">${this._importError}</p>` : nothing}
				${this._report ? this.#renderReport(this._report) : nothing}
			</uui-box>
		`;
	}

	#renderReport(report) {
		return html`
			<section class="report" aria-labelledby="report-heading">
				<h3 id="report-heading">Import report</h3>
				<dl class="counts">
					<div><dt>Rows read</dt><dd data-count="rowsRead">${report.rowsRead}</dd></div>
					<div><dt>Imported</dt><dd data-count="imported">${report.imported}</dd></div>
					<div><dt>Updated</dt><dd data-count="updated">${report.updated}</dd></div>
					<div><dt>Unchanged</dt><dd data-count="unchanged">${report.unchanged}</dd></div>
					<div><dt>Rejected</dt><dd data-count="rejected">${report.rejected.length}</dd></div>
				</dl>
				${report.rejected.length
					? html`<table class="rejected">
							<caption>Rejected rows</caption>
							<thead><tr><th scope="col">Row</th><th scope="col">Reason</th></tr></thead>
							<tbody>${report.rejected.map((r) => html`<tr><td>${r.row}</td><td>${r.reason}</td></tr>`)}</tbody>
						</table>`
					: nothing}
			</section>
		`;
	}

	#renderCharts() {
		if (this._error) return html`<uui-box headline="Responses"><p class="error" role="alert">${this._error}</p></uui-box>`;
		if (!this._summary) return html`<uui-box headline="Responses"><uui-loader aria-label="Loading the survey summary"></uui-loader></uui-box>`;
		const s = this._summary;
		return html`
			<uui-box headline="Responses">
				<p class="totals" role="status"><span data-total="responses">${s.responses}</span> responses, <span data-total="champions">${s.champions}</span> willing to be R&I champions.</p>
				${this._chartError ? html`<p class="error" role="alert">${this._chartError}</p>` : nothing}
				<div class="charts">
					${CHARTS.map((chart) => {
						const rows = MahseSurveyOverviewElement.rows(s, chart);
						return html`<figure>
							<figcaption id="chart-${chart.key}">${chart.title}</figcaption>
							<div class="canvas" style="height: ${Math.max(180, rows.length * 28 + 60)}px">
								<canvas data-chart=${chart.key} role="img" aria-labelledby="chart-${chart.key}"
									aria-describedby="table-${chart.key}"></canvas>
							</div>
							<details>
								<summary>Data of "${chart.title}"</summary>
								<table id="table-${chart.key}">
									<thead><tr><th scope="col">${chart.key === 'activities' ? 'Activity' : 'Group'}</th><th scope="col">Responses</th></tr></thead>
									<tbody>${rows.map((r) => html`<tr><td>${r.label}</td><td>${r.count}</td></tr>`)}</tbody>
								</table>
							</details>
						</figure>`;
					})}
				</div>
			</uui-box>
		`;
	}

	render() {
		return html`${this.#renderImport()}${this.#renderCharts()}`;
	}

	static styles = [
		UmbTextStyles,
		css`
			:host { display: block; padding: var(--uui-size-layout-1); }
			uui-box { margin-bottom: var(--uui-size-space-5); }
			.field, details { margin-bottom: var(--uui-size-space-4); }
			label { display: block; font-weight: 700; margin-bottom: var(--uui-size-space-2); }
			textarea { width: 100%; box-sizing: border-box; font-family: monospace; }
			.progress { display: flex; align-items: center; gap: var(--uui-size-space-4); margin-top: var(--uui-size-space-4); }
			.progress label { margin: 0; }
			progress { width: 20rem; height: 1rem; }
			.error { color: var(--uui-color-danger-standalone, #a6121d); }
			.counts { display: flex; flex-wrap: wrap; gap: var(--uui-size-space-6); }
			.counts div { min-width: 7rem; }
			.counts dt { color: var(--uui-color-text-alt); }
			.counts dd { margin: 0; font-size: 1.5rem; font-weight: 700; }
			table { border-collapse: collapse; margin-top: var(--uui-size-space-3); }
			th, td { text-align: left; padding: var(--uui-size-space-2) var(--uui-size-space-4); border-bottom: 1px solid var(--uui-color-border); }
			caption { text-align: left; font-weight: 700; }
			.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(28rem, 1fr)); gap: var(--uui-size-space-6); }
			figure { margin: 0; }
			figcaption { font-weight: 700; margin-bottom: var(--uui-size-space-3); }
			.canvas { position: relative; }
		`,
	];
}

customElements.define('mahse-survey-overview', MahseSurveyOverviewElement);
export { MahseSurveyOverviewElement as element };
export default MahseSurveyOverviewElement;
