// A show/hide condition (Umbraco Forms' shape: { enabled, actionType: Show|Hide, logicType: All|Any, rules: [{ field,
// operator, value }] }) for a field, a fieldset or a page's buttons. It edits a copy and reports it with a "change"
// event whose detail is the new condition (null when switched off).
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { UmbTextStyles } from '@umbraco-cms/backoffice/style';

export const OPERATORS = [
	['Is', 'is'],
	['IsNot', 'is not'],
	['GreaterThen', 'is greater than'],
	['LessThen', 'is less than'],
	['Contains', 'contains'],
	['ContainsIgnoreCase', 'contains (ignoring case)'],
	['StartsWith', 'starts with'],
	['StartsWithIgnoreCase', 'starts with (ignoring case)'],
	['EndsWith', 'ends with'],
	['EndsWithIgnoreCase', 'ends with (ignoring case)'],
	['NotContains', 'does not contain'],
	['NotContainsIgnoreCase', 'does not contain (ignoring case)'],
	['NotStartsWith', 'does not start with'],
	['NotEndsWith', 'does not end with'],
];

export class MahseFormConditionElement extends UmbLitElement {
	static properties = {
		condition: { attribute: false },
		/** [{ id, caption }] of the fields a rule may read. */
		fields: { attribute: false },
		/** What the condition belongs to, for the labels ("field Nationality", "fieldset 2 on page 1"). */
		subject: { type: String },
	};

	constructor() {
		super();
		this.condition = null;
		this.fields = [];
		this.subject = '';
	}

	#emit(condition) {
		this.dispatchEvent(new CustomEvent('change', { detail: condition, bubbles: false, composed: false }));
	}

	#update(change) {
		const next = structuredClone(this.condition ?? { enabled: true, actionType: 'Show', logicType: 'All', rules: [] });
		change(next);
		this.#emit(next);
	}

	#toggle(on) {
		if (!on) return this.#emit(null);
		this.#emit({ enabled: true, actionType: 'Show', logicType: 'All', rules: [{ field: this.fields[0]?.id ?? '', operator: 'Is', value: '' }] });
	}

	render() {
		const c = this.condition?.enabled ? this.condition : null;
		return html`
			<fieldset>
				<legend>Condition</legend>
				<uui-toggle label=${`Show or hide ${this.subject} by a condition`} ?checked=${!!c} @change=${(e) => this.#toggle(e.target.checked)}>
					Show or hide ${this.subject} by a condition
				</uui-toggle>
				${c ? this.#renderCondition(c) : nothing}
			</fieldset>
		`;
	}

	#renderCondition(c) {
		const fieldOptions = (selected) => [
			...(this.fields.some((f) => f.id === selected) ? [] : [{ name: 'Choose a field', value: '', selected: true }]),
			...this.fields.map((f) => ({ name: f.caption || f.alias || '(no caption)', value: f.id, selected: f.id === selected })),
		];
		return html`
			<div class="row">
				<uui-select
					label=${`Action of the condition on ${this.subject}`}
					.options=${[
						{ name: 'Show', value: 'Show', selected: c.actionType !== 'Hide' },
						{ name: 'Hide', value: 'Hide', selected: c.actionType === 'Hide' },
					]}
					@change=${(e) => this.#update((n) => (n.actionType = e.target.value))}></uui-select>
				<span>${this.subject} when</span>
				<uui-select
					label=${`Logic of the condition on ${this.subject}`}
					.options=${[
						{ name: 'all', value: 'All', selected: c.logicType !== 'Any' },
						{ name: 'any', value: 'Any', selected: c.logicType === 'Any' },
					]}
					@change=${(e) => this.#update((n) => (n.logicType = e.target.value))}></uui-select>
				<span>of these rules match:</span>
			</div>
			<ol class="rules">
				${c.rules.map(
					(rule, i) => html`<li class="row rule">
						<uui-select
							label=${`Rule ${i + 1} field`}
							.options=${fieldOptions(rule.field)}
							@change=${(e) => this.#update((n) => (n.rules[i].field = e.target.value))}></uui-select>
						<uui-select
							label=${`Rule ${i + 1} operator`}
							.options=${OPERATORS.map(([value, name]) => ({ name, value, selected: value === rule.operator }))}
							@change=${(e) => this.#update((n) => (n.rules[i].operator = e.target.value))}></uui-select>
						<uui-input
							label=${`Rule ${i + 1} value`}
							placeholder="Value"
							.value=${rule.value ?? ''}
							@input=${(e) => this.#update((n) => (n.rules[i].value = e.target.value))}></uui-input>
						<uui-button
							look="secondary"
							color="danger"
							label=${`Remove rule ${i + 1}`}
							@click=${() => this.#update((n) => n.rules.splice(i, 1))}></uui-button>
					</li>`,
				)}
			</ol>
			<uui-button
				look="secondary"
				label="Add rule"
				@click=${() => this.#update((n) => n.rules.push({ field: this.fields[0]?.id ?? '', operator: 'Is', value: '' }))}></uui-button>
		`;
	}

	static styles = [
		UmbTextStyles,
		css`
			fieldset {
				border: 1px solid var(--uui-color-border);
				border-radius: var(--uui-border-radius);
				padding: var(--uui-size-space-3) var(--uui-size-space-4);
				margin: var(--uui-size-space-3) 0 0;
			}
			legend {
				font-weight: 700;
				padding: 0 var(--uui-size-space-2);
			}
			.row {
				display: flex;
				flex-wrap: wrap;
				gap: var(--uui-size-space-3);
				align-items: center;
				margin-top: var(--uui-size-space-3);
			}
			.rules {
				margin: 0;
				padding-left: var(--uui-size-space-5);
			}
		`,
	];
}

customElements.define('mahse-form-condition', MahseFormConditionElement);
