// The Settings view of a form: messages, approval, the closing date (UTC), retention and button labels.
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { MahseFormViewBase } from './form-view-base.js';

/** "2027-01-31T17:00:00Z" ↔ the "2027-01-31T17:00" a datetime-local input shows; the time is read as UTC. */
const toLocalInput = (iso) => (iso ? iso.replace(/Z$|[+-]00:00$/, '').slice(0, 16) : '');
const fromLocalInput = (value) => (value ? `${value.length === 16 ? value + ':00' : value}Z` : null);

export class MahseFormSettingsElement extends MahseFormViewBase {
	#text(prop, label, options = {}) {
		const messages = this.errorsAt(prop.toLowerCase(), true);
		const id = `setting-${prop}`;
		return html`<div class=${`control ${options.wide ? 'wide' : ''}`}>
			<label for=${id}>${label}</label>
			<uui-input
				id=${id}
				label=${label}
				type=${options.type ?? 'text'}
				min=${options.type === 'number' ? '0' : nothing}
				aria-describedby=${messages.length ? `${id}-errors` : ''}
				.value=${options.get ? options.get(this.form[prop]) : String(this.form[prop] ?? '')}
				@input=${(e) => this.edit((f) => (f[prop] = options.set ? options.set(e.target.value) : e.target.value || null))}></uui-input>
			${options.hint ? html`<span class="hint">${options.hint}</span>` : nothing}
			${this.renderErrors(`${id}-errors`, messages)}
		</div>`;
	}

	#toggle(prop, label) {
		return html`<uui-toggle label=${label} ?checked=${!!this.form[prop]} @change=${(e) => this.edit((f) => (f[prop] = e.target.checked))}>${label}</uui-toggle>`;
	}

	render() {
		const state = this.renderState();
		if (state) return state;
		const days = (v) => Math.max(0, parseInt(v, 10) || 0);
		const closesErrors = this.errorsAt('closesat', true);
		return html`
			<uui-box headline="After submitting">
				<div class="control wide">
					<label for="setting-messageOnSubmit">Message on submit</label>
					<uui-textarea
						id="setting-messageOnSubmit"
						label="Message on submit"
						.value=${this.form.messageOnSubmit ?? ''}
						@input=${(e) => this.edit((f) => (f.messageOnSubmit = e.target.value || null))}></uui-textarea>
				</div>
				<div class="row">
					${this.#toggle('messageOnSubmitIsHtml', 'The message is HTML')}
					${this.#text('goToPageOnSubmit', 'Page to go to instead (content key)', { wide: true, hint: 'Leave empty to show the message.' })}
				</div>
			</uui-box>
			<uui-box headline="Entries">
				<div class="row">
					${this.#toggle('manualApproval', 'Entries need manual approval')} ${this.#toggle('storeRecordsLocally', 'Store entries')}
				</div>
				<div class="row">
					<div class="control">
						<label for="setting-closesAt">Closing date (UTC)</label>
						<uui-input
							id="setting-closesAt"
							type="datetime-local"
							label="Closing date (UTC)"
							aria-describedby=${closesErrors.length ? 'setting-closesAt-errors' : 'setting-closesAt-hint'}
							.value=${toLocalInput(this.form.closesAt)}
							@change=${(e) => this.edit((f) => (f.closesAt = fromLocalInput(e.target.value)))}
							@input=${(e) => this.edit((f) => (f.closesAt = fromLocalInput(e.target.value)))}></uui-input>
						<span class="hint" id="setting-closesAt-hint">After this moment the form takes no more entries. Leave empty to keep it open.</span>
						${this.renderErrors('setting-closesAt-errors', closesErrors)}
					</div>
				</div>
				<fieldset>
					<legend>Days to keep entries (0 keeps them)</legend>
					<div class="row">
						${this.#text('daysToRetainSubmittedRecordsFor', 'Submitted entries', { type: 'number', set: days })}
						${this.#text('daysToRetainApprovedRecordsFor', 'Approved entries', { type: 'number', set: days })}
						${this.#text('daysToRetainRejectedRecordsFor', 'Rejected entries', { type: 'number', set: days })}
					</div>
				</fieldset>
			</uui-box>
			<uui-box headline="Validation">
				<div class="row">
					<div class="control">
						<label for="setting-fieldIndicationType">Mark fields</label>
						<uui-select
							id="setting-fieldIndicationType"
							label="Mark fields"
							.options=${[
								['MarkMandatoryFields', 'Mark mandatory fields'],
								['MarkOptionalFields', 'Mark optional fields'],
								['NoIndicator', 'No marks'],
							].map(([value, name]) => ({ value, name, selected: value === this.form.fieldIndicationType }))}
							@change=${(e) => this.edit((f) => (f.fieldIndicationType = e.target.value))}></uui-select>
					</div>
					${this.#text('indicator', 'Mark')}
					${this.#toggle('showValidationSummary', 'Show a validation summary')} ${this.#toggle('hideFieldValidation', 'Hide messages next to fields')}
				</div>
				<div class="row">
					${this.#text('requiredErrorMessage', 'Message when a mandatory field is empty', { wide: true })}
					${this.#text('invalidErrorMessage', 'Message when a field is invalid', { wide: true })}
				</div>
			</uui-box>
			<uui-box headline="Labels and styling">
				<div class="row">
					${this.#text('submitLabel', 'Submit button')} ${this.#text('nextLabel', 'Next button')} ${this.#text('prevLabel', 'Previous button')}
					${this.#text('cssClass', 'CSS class')}
				</div>
			</uui-box>
		`;
	}

	static styles = [
		...MahseFormViewBase.sharedStyles,
		css`
			fieldset {
				border: 1px solid var(--uui-color-border);
				border-radius: var(--uui-border-radius);
				margin-top: var(--uui-size-space-4);
			}
			legend {
				font-weight: 700;
			}
			uui-textarea {
				width: 100%;
			}
			.row + .row {
				margin-top: var(--uui-size-space-4);
			}
		`,
	];
}

customElements.define('mahse-form-settings', MahseFormSettingsElement);
export { MahseFormSettingsElement as element };
export default MahseFormSettingsElement;
