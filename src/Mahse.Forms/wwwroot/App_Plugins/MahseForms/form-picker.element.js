// The form picker property editor UI (alias Forms.PropertyEditorUi.FormPicker.Single, Umbraco Forms' UI alias, on the
// UmbracoForms.FormPicker editor). Its value is the picked form's id as a string, as Umbraco Forms' picker stores it;
// the Delivery API then answers { "id": "<form id>", "form": null } (Mahse.Forms.Picker.FormPickerValueConverter).
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { UmbTextStyles } from '@umbraco-cms/backoffice/style';
import { UmbChangeEvent } from '@umbraco-cms/backoffice/event';
import { formPath, problemText, request } from './api.js';

export class MahseFormPickerElement extends UmbLitElement {
	static properties = {
		value: { type: String },
		readonly: { type: Boolean, reflect: true },
		config: { attribute: false },
		_forms: { state: true },
		_error: { state: true },
	};

	constructor() {
		super();
		this.value = undefined;
		this.readonly = false;
		this._forms = null;
		this._error = null;
	}

	connectedCallback() {
		super.connectedCallback();
		this.#load();
	}

	async #load() {
		const result = await request(this, 'GET', 'form');
		if (!result.ok) {
			this._forms = [];
			this._error =
				result.status === 403
					? 'You cannot list forms: your user group does not have the Forms section.'
					: `The forms could not be listed. ${problemText(result)}`;
			return;
		}
		this._forms = [...result.data].sort((a, b) => a.name.localeCompare(b.name));
	}

	#pick(id) {
		const next = id || undefined;
		if ((next ?? '') === (this.value ?? '')) return;
		this.value = next;
		this.dispatchEvent(new UmbChangeEvent());
	}

	render() {
		if (this._forms === null) return html`<uui-loader aria-label="Loading forms"></uui-loader>`;
		const picked = this._forms.find((f) => f.id?.toLowerCase() === this.value?.toLowerCase());
		const unknown = this.value && !picked;
		return html`
			<div class="picker">
				<uui-select
					label="Form"
					?readonly=${this.readonly}
					?disabled=${this.readonly}
					.options=${[
						{ name: 'No form', value: '', selected: !this.value },
						...(unknown ? [{ name: `Unknown form (${this.value})`, value: this.value, selected: true }] : []),
						...this._forms.map((f) => ({ name: f.name, value: f.id, selected: f === picked })),
					]}
					@change=${(e) => this.#pick(e.target.value)}></uui-select>
				${picked ? html`<a href=${formPath(picked.id)}>Open ${picked.name} in Forms</a>` : nothing}
			</div>
			${unknown ? html`<p class="warning" role="alert">The picked form no longer exists; pick another one or none.</p>` : nothing}
			${this._error ? html`<p class="warning" role="alert">${this._error}</p>` : nothing}
		`;
	}

	static styles = [
		UmbTextStyles,
		css`
			.picker {
				display: flex;
				flex-wrap: wrap;
				gap: var(--uui-size-space-4);
				align-items: center;
			}
			uui-select {
				min-width: 20em;
			}
			.warning {
				color: var(--uui-color-danger-standalone, #a8253c);
			}
		`,
	];
}

customElements.define('mahse-form-picker', MahseFormPickerElement);
export { MahseFormPickerElement as element };
export default MahseFormPickerElement;
