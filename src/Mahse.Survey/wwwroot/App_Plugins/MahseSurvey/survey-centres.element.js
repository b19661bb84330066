// The Survey section's centres of excellence (the ranking with its formula and evidence), the R&I champions who
// consented to be contacted, and the export links.
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { UmbTextStyles } from '@umbraco-cms/backoffice/style';
import { activityLabel, apiUrl, problemText, request } from './api.js';

const number = (n, digits = 2) => (typeof n === 'number' ? n.toLocaleString(undefined, { maximumFractionDigits: digits }) : '');

export class MahseSurveyCentresElement extends UmbLitElement {
	static properties = {
		_method: { state: true },
		_centres: { state: true },
		_champions: { state: true },
		_divisions: { state: true },
		_error: { state: true },
		_level: { state: true },
		_division: { state: true },
	};

	constructor() {
		super();
		this._level = 'organisation';
		this._division = '';
		this._divisions = [];
	}

	connectedCallback() {
		super.connectedCallback();
		this.#loadMethod();
		this.#loadCentres();
		this.#loadChampions();
	}

	async #loadMethod() {
		const [method, summary] = await Promise.all([request(this, 'GET', 'centres/method'), request(this, 'GET', 'summary')]);
		this._method = method.ok ? method.data : null;
		if (!method.ok) this._error = problemText(method);
		this._divisions = summary.ok ? Object.keys(summary.data.divisions ?? {}).sort() : [];
	}

	async #loadCentres() {
		const p = new URLSearchParams({ level: this._level, take: '20' });
		if (this._division) p.set('division', this._division);
		this._centres = null;
		const result = await request(this, 'GET', `centres?${p}`);
		if (!result.ok) this._error = problemText(result);
		this._centres = result.ok ? result.data : [];
	}

	async #loadChampions() {
		const p = new URLSearchParams({ take: '100' });
		if (this._division) p.set('division', this._division);
		const result = await request(this, 'GET', `champions?${p}`);
		if (!result.ok) this._error = problemText(result);
		this._champions = result.ok ? result.data : [];
	}

	#change(e) {
		e.preventDefault();
		this.#loadCentres();
		this.#loadChampions();
	}

	#renderMethod() {
		const m = this._method;
		if (!m) return nothing;
		return html`<details class="method" open>
			<summary>How centres are ranked</summary>
			<p class="formula"><code>${m.formula}</code></p>
			<p>Organisations or departments with fewer than ${m.minimumResponses} responses are not ranked; confidence is full from ${m.fullConfidenceAt} responses.</p>
			<table class="weights">
				<caption>Weights of each activity</caption>
				<thead><tr><th scope="col">Activity</th><th scope="col">Weight</th></tr></thead>
				<tbody>${Object.entries(m.weights).map(([k, w]) => html`<tr><td>${activityLabel(k)}</td><td>${number(w)}</td></tr>`)}</tbody>
			</table>
		</details>`;
	}

	#renderCentres() {
		if (this._centres === null || this._centres === undefined) return html`<uui-loader aria-label="Loading the ranking"></uui-loader>`;
		if (!this._centres.length) return html`<p>No centre has enough responses to be ranked yet.</p>`;
		return html`<table class="ranking">
			<caption>Centres of excellence</caption>
			<thead>
				<tr>
					<th scope="col">Rank</th>
					<th scope="col">${this._level === 'department' ? 'Department' : 'Organisation'}</th>
					<th scope="col">Region</th>
					<th scope="col">Score</th>
					<th scope="col">Responses</th>
					<th scope="col">Champions</th>
					<th scope="col">Activity per response</th>
					<th scope="col">Confidence</th>
					<th scope="col">Activity totals</th>
				</tr>
			</thead>
			<tbody>
				${this._centres.map(
					(c) => html`<tr>
						<td>${c.rank}</td>
						<th scope="row">${c.department ? `${c.department}, ${c.organisation}` : c.organisation}</th>
						<td>${c.subRegion}</td>
						<td>${number(c.score)}</td>
						<td>${c.evidence.responses}</td>
						<td>${c.evidence.champions}</td>
						<td>${number(c.evidence.activityPerResponse)}</td>
						<td>${number(c.evidence.confidence * 100, 0)}%</td>
						<td>${Object.entries(c.evidence.activityTotals ?? {})
							.filter(([, n]) => n > 0)
							.map(([k, n]) => `${activityLabel(k)} ${n}`)
							.join(', ')}</td>
					</tr>`,
				)}
			</tbody>
		</table>`;
	}

	#renderChampions() {
		if (!this._champions) return html`<uui-loader aria-label="Loading the champions"></uui-loader>`;
		if (!this._champions.length) return html`<p>No champion has consented to be contacted yet.</p>`;
		return html`<table class="champions">
			<caption>R&I champions who consented to be contacted</caption>
			<thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Organisation</th><th scope="col">Division</th><th scope="col">Specialism</th><th scope="col">Career stage</th><th scope="col">Region</th></tr></thead>
			<tbody>
				${this._champions.map(
					(c) => html`<tr>
						<td>${c.name}</td>
						<td>${c.email ? html`<a href="mailto:${c.email}">${c.email}</a>` : ''}</td>
						<td>${c.department ? `${c.department}, ${c.organisation}` : c.organisation}</td>
						<td>${c.division}</td>
						<td>${c.specialism}</td>
						<td>${c.careerStage}</td>
						<td>${c.subRegion}</td>
					</tr>`,
				)}
			</tbody>
		</table>`;
	}

	render() {
		return html`
			${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
			<uui-box headline="Centres of excellence">
				<form class="filters" @submit=${this.#change}>
					<div>
						<label for="centre-level">Rank by</label>
						<select id="centre-level" @change=${(e) => { this._level = e.target.value; this.#change(e); }}>
							<option value="organisation" ?selected=${this._level === 'organisation'}>Organisation</option>
							<option value="department" ?selected=${this._level === 'department'}>Department</option>
						</select>
					</div>
					<div>
						<label for="centre-division">Division</label>
						<select id="centre-division" @change=${(e) => { this._division = e.target.value; this.#change(e); }}>
							<option value="" ?selected=${!this._division}>All divisions</option>
							${this._divisions.map((d) => html`<option value=${d} ?selected=${this._division === d}>${d}</option>`)}
						</select>
					</div>
				</form>
				${this.#renderMethod()} ${this.#renderCentres()}
			</uui-box>
			<uui-box headline="R&I champions">${this.#renderChampions()}</uui-box>
			<uui-box headline="Export">
				<p>Every response in the import's columns, so the file imports again unchanged. Contact details are included: keep the file safe.</p>
				<ul class="exports">
					<li><a href=${apiUrl('export?format=csv')} download="survey-responses.csv">Export responses as CSV</a></li>
					<li><a href=${apiUrl('export?format=xlsx')} download="survey-responses.xlsx">Export responses as XLSX</a></li>
				</ul>
			</uui-box>
		`;
	}

	static styles = [
		UmbTextStyles,
		css`
			:host { display: block; padding: var(--uui-size-layout-1); }
			uui-box { margin-bottom: var(--uui-size-space-5); }
			.filters { display: flex; gap: var(--uui-size-space-5); margin-bottom: var(--uui-size-space-4); }
			label { display: block; font-weight: 700; margin-bottom: var(--uui-size-space-2); }
			select { font: inherit; padding: var(--uui-size-space-2); }
			.method { margin-bottom: var(--uui-size-space-5); }
			.formula code { white-space: pre-wrap; }
			table { border-collapse: collapse; width: 100%; margin-top: var(--uui-size-space-3); }
			table.weights { width: auto; }
			caption { text-align: left; font-weight: 700; }
			th, td { text-align: left; padding: var(--uui-size-space-2) var(--uui-size-space-3); border-bottom: 1px solid var(--uui-color-border); vertical-align: top; }
			tbody th { font-weight: 700; }
			.error { color: var(--uui-color-danger-standalone, #a6121d); }
		`,
	];
}

customElements.define('mahse-survey-centres', MahseSurveyCentresElement);
export { MahseSurveyCentresElement as element };
export default MahseSurveyCentresElement;
