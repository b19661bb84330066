// The Survey section's responses: faceted search of the survey index (the search endpoint) with highlighted comments,
// facet counts to narrow by, and a range on an activity count.
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { UmbTextStyles } from '@umbraco-cms/backoffice/style';
import { ACTIVITY_LABELS, activityLabel, highlightParts, problemText, request } from './api.js';

/** Facet (as the index names it) → the search's query parameter and a heading. */
const FACETS = [
	{ facet: 'division', param: 'division', title: 'Division' },
	{ facet: 'subRegion', param: 'region', title: 'Region' },
	{ facet: 'careerStage', param: 'careerStage', title: 'Career stage' },
	{ facet: 'activity', param: 'activity', title: 'Activity', label: activityLabel },
	{ facet: 'specialism', param: 'specialism', title: 'Specialism' },
	{ facet: 'organisation', param: 'organisation', title: 'Organisation' },
	{ facet: 'barrier', param: 'barrier', title: 'Barrier' },
	{ facet: 'champion', param: 'champion', title: 'Willing to be a champion' },
];

const PAGE = 20;

export class MahseSurveyResponsesElement extends UmbLitElement {
	static properties = {
		_answer: { state: true },
		_error: { state: true },
		_busy: { state: true },
		_q: { state: true },
		_filters: { state: true },
		_rangeField: { state: true },
		_min: { state: true },
		_max: { state: true },
		_skip: { state: true },
	};

	constructor() {
		super();
		this._q = '';
		this._filters = {};
		this._rangeField = '';
		this._min = '';
		this._max = '';
		this._skip = 0;
	}

	connectedCallback() {
		super.connectedCallback();
		this.#search();
	}

	async #search() {
		const p = new URLSearchParams();
		if (this._q.trim()) p.set('q', this._q.trim());
		for (const [k, v] of Object.entries(this._filters)) p.set(k, v);
		if (this._rangeField) {
			p.set('rangeField', this._rangeField);
			if (this._min !== '') p.set('min', this._min);
			if (this._max !== '') p.set('max', this._max);
		}
		p.set('skip', String(this._skip));
		p.set('take', String(PAGE));
		this._busy = true;
		const result = await request(this, 'GET', `search?${p}`);
		this._busy = false;
		this._error = result.ok ? null : problemText(result);
		this._answer = result.ok ? result.data : null;
	}

	#submit(e) {
		e.preventDefault();
		this._skip = 0;
		this.#search();
	}

	#toggle(param, value) {
		const filters = { ...this._filters };
		if (filters[param] === value) delete filters[param];
		else filters[param] = value;
		this._filters = filters;
		this._skip = 0;
		this.#search();
	}

	#page(delta) {
		this._skip = Math.max(0, this._skip + delta * PAGE);
		this.#search();
	}

	#renderFacets() {
		const facets = this._answer?.facets ?? {};
		return html`<nav class="facets" aria-label="Narrow the responses">
			${FACETS.filter((f) => Object.keys(facets[f.facet] ?? {}).length).map((f) => {
				const values = Object.entries(facets[f.facet]).sort((a, b) => b[1] - a[1]).slice(0, 12);
				return html`<section aria-labelledby="facet-${f.facet}">
					<h4 id="facet-${f.facet}">${f.title}</h4>
					<ul>
						${values.map(([value, count]) => {
							const on = this._filters[f.param] === value;
							return html`<li>
								<button type="button" class="facet ${on ? 'on' : ''}" aria-pressed=${on ? 'true' : 'false'} @click=${() => this.#toggle(f.param, value)}>
									${f.label ? f.label(value) : value} <span class="count">(${count})</span>
								</button>
							</li>`;
						})}
					</ul>
				</section>`;
			})}
		</nav>`;
	}

	#renderItem(r) {
		const activities = Object.entries(r.activities ?? {}).filter(([, n]) => n > 0);
		return html`<li class="response">
			<h4>${r.respondentId} · ${r.organisation}${r.site ? ` (${r.site})` : ''}</h4>
			<p class="meta">${r.division} · ${r.specialism} · ${r.careerStage} · ${r.subRegion}${r.championWilling ? ' · willing champion' : ''}${r.isSynthetic ? ' · synthetic' : ''}</p>
			${activities.length ? html`<p>${activities.map(([k, n]) => `${activityLabel(k)} ${n}`).join(', ')}</p>` : nothing}
			${r.highlights?.length
				? html`<blockquote class="highlights">${r.highlights.map(
						(h) => html`<p>…${highlightParts(h).map((part) => (part.mark ? html`<mark>${part.text}</mark>` : part.text))}…</p>`,
					)}</blockquote>`
				: r.comments
					? html`<blockquote>${r.comments}</blockquote>`
					: nothing}
			${r.contactConsent && (r.contactName || r.contactEmail)
				? html`<p class="contact">Contact: ${r.contactName ?? ''} ${r.contactEmail ? html`<a href="mailto:${r.contactEmail}">${r.contactEmail}</a>` : nothing}</p>`
				: nothing}
		</li>`;
	}

	render() {
		const a = this._answer;
		const active = Object.entries(this._filters);
		return html`
			<uui-box headline="Search responses">
				<form class="search" role="search" @submit=${this.#submit}>
					<div>
						<label for="survey-q">Words in comments and specialisms</label>
						<input id="survey-q" type="search" .value=${this._q} @input=${(e) => (this._q = e.target.value)} />
					</div>
					<div>
						<label for="survey-range">Activity count</label>
						<select id="survey-range" .value=${this._rangeField} @change=${(e) => (this._rangeField = e.target.value)}>
							<option value="">Any</option>
							${Object.entries(ACTIVITY_LABELS).map(([k, label]) => html`<option value=${k} ?selected=${this._rangeField === k}>${label}</option>`)}
						</select>
					</div>
					<div>
						<label for="survey-min">At least</label>
						<input id="survey-min" type="number" min="0" .value=${this._min} @input=${(e) => (this._min = e.target.value)} />
					</div>
					<div>
						<label for="survey-max">At most</label>
						<input id="survey-max" type="number" min="0" .value=${this._max} @input=${(e) => (this._max = e.target.value)} />
					</div>
					<uui-button type="submit" look="primary" label="Search">Search</uui-button>
				</form>
				${active.length
					? html`<p class="active">Narrowed by ${active.map(
							([k, v]) => html`<button type="button" class="facet on" aria-label="Remove filter ${k} ${v}" @click=${() => this.#toggle(k, v)}>${k}: ${v} ✕</button> `,
						)}</p>`
					: nothing}
				${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
				${a ? html`<p role="status" class="total">${a.total === 1 ? '1 response found.' : `${a.total} responses found.`}</p>` : html`<uui-loader aria-label="Searching"></uui-loader>`}
				<div class="layout">
					${a ? this.#renderFacets() : nothing}
					<div class="results">
						${a?.items?.length ? html`<ol class="responses">${a.items.map((r) => this.#renderItem(r))}</ol>` : nothing}
						${a && a.total > PAGE
							? html`<div class="pager">
									<uui-button look="secondary" label="Previous page" ?disabled=${this._skip === 0 || this._busy} @click=${() => this.#page(-1)}>Previous</uui-button>
									<span>${this._skip + 1}–${Math.min(this._skip + PAGE, a.total)} of ${a.total}</span>
									<uui-button look="secondary" label="Next page" ?disabled=${this._skip + PAGE >= a.total || this._busy} @click=${() => this.#page(1)}>Next</uui-button>
								</div>`
							: nothing}
					</div>
				</div>
			</uui-box>
		`;
	}

	static styles = [
		UmbTextStyles,
		css`
			:host { display: block; padding: var(--uui-size-layout-1); }
			.search { display: flex; flex-wrap: wrap; align-items: flex-end; gap: var(--uui-size-space-4); margin-bottom: var(--uui-size-space-4); }
			label { display: block; font-weight: 700; margin-bottom: var(--uui-size-space-2); }
			input, select { font: inherit; padding: var(--uui-size-space-2); }
			#survey-q { width: 22rem; }
			#survey-min, #survey-max { width: 6rem; }
			.layout { display: grid; grid-template-columns: 18rem 1fr; gap: var(--uui-size-space-6); }
			.facets h4 { margin: var(--uui-size-space-4) 0 var(--uui-size-space-2); }
			.facets ul, .responses { list-style: none; padding: 0; margin: 0; }
			button.facet { font: inherit; background: none; border: 1px solid transparent; color: var(--uui-color-interactive); cursor: pointer; padding: 2px 4px; text-align: left; }
			button.facet.on { border-color: var(--uui-color-interactive); font-weight: 700; }
			.count { color: var(--uui-color-text-alt); }
			.response { border-bottom: 1px solid var(--uui-color-border); padding: var(--uui-size-space-4) 0; }
			.response h4 { margin: 0; }
			.meta { color: var(--uui-color-text-alt); margin: var(--uui-size-space-2) 0; }
			blockquote { margin: var(--uui-size-space-2) 0; padding-left: var(--uui-size-space-4); border-left: 3px solid var(--uui-color-border); }
			mark { background: #ffe066; color: #000; }
			.pager { display: flex; gap: var(--uui-size-space-4); align-items: center; margin-top: var(--uui-size-space-4); }
			.error { color: var(--uui-color-danger-standalone, #a6121d); }
		`,
	];
}

customElements.define('mahse-survey-responses', MahseSurveyResponsesElement);
export { MahseSurveyResponsesElement as element };
export default MahseSurveyResponsesElement;
