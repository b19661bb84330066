// The Design view of a form: its name, then pages → fieldsets → columns (containers with a width out of 12) → fields.
// One field is open for editing at a time; its alias follows its caption until the alias is typed by hand. Every
// control has an accessible name that says where it is ("Caption of page 2"), since many look alike.
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { aliasFromCaption, newId } from './api.js';
import { MahseFormViewBase, normalizeErrorKey } from './form-view-base.js';
import { newContainer, newFieldSet, newPage } from './form-model.js';
import './form-condition.element.js';

const WIDTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export class MahseFormBuilderElement extends MahseFormViewBase {
	static properties = { ...MahseFormViewBase.properties, _open: { state: true } };

	constructor() {
		super();
		this._open = null; // the id of the field being edited
		this._aliasTouched = new Set(); // fields whose alias was typed by hand, so the caption no longer drives it
	}

	#allFields() {
		return (this.form?.pages ?? []).flatMap((p) => p.fieldSets.flatMap((s) => s.containers.flatMap((c) => c.fields)));
	}

	#fieldTypes() {
		return this._s?.fieldTypes ?? [];
	}

	#typeOf(field) {
		return this.#fieldTypes().find((t) => t.id?.toLowerCase() === field.fieldTypeId?.toLowerCase());
	}

	#addField(p, s, c) {
		const id = newId();
		const type = this.#fieldTypes()[0];
		this.edit((form) =>
			form.pages[p].fieldSets[s].containers[c].fields.push({
				id,
				alias: '',
				fieldTypeId: type?.id ?? '',
				caption: '',
				tooltip: null,
				placeholder: null,
				cssClass: null,
				prevalueSourceId: null,
				preValues: [],
				mandatory: false,
				regex: null,
				requiredErrorMessage: null,
				invalidErrorMessage: null,
				containsSensitiveData: false,
				condition: null,
				settings: {},
				allowedUploadTypes: null,
				allowMultipleFileUploads: false,
			}),
		);
		this._open = id;
	}

	#editField(path, change) {
		const [p, s, c, f] = path;
		this.edit((form) => change(form.pages[p].fieldSets[s].containers[c].fields[f]));
	}

	#move(list, index, by) {
		const target = index + by;
		if (target < 0 || target >= list.length) return;
		[list[index], list[target]] = [list[target], list[index]];
		list.forEach((item, i) => 'sortOrder' in item && (item.sortOrder = i));
	}

	render() {
		const state = this.renderState();
		if (state) return state;
		const form = this.form;
		const nameErrors = this.errorsAt('name', true);
		return html`
			${this.#renderSummary()}
			<uui-box headline="Form">
				<div class="control wide">
					<label for="form-name">Form name <span aria-hidden="true">*</span></label>
					<uui-input
						id="form-name"
						label="Form name"
						required
						aria-describedby=${nameErrors.length ? 'form-name-errors' : ''}
						.value=${form.name ?? ''}
						@input=${(e) => this.edit((f) => (f.name = e.target.value))}></uui-input>
					${this.renderErrors('form-name-errors', nameErrors)}
				</div>
			</uui-box>
			${form.pages.map((page, p) => this.#renderPage(page, p))}
			<uui-button look="primary" label="Add page" @click=${() => this.edit((f) => f.pages.push(newPage(f.pages.length)))}></uui-button>
		`;
	}

	#renderSummary() {
		const errors = Object.entries(this._s?.errors ?? {});
		if (!errors.length) return nothing;
		return html`<div class="problem summary" role="alert">
			<strong>The form was not saved. Fix these problems and save again:</strong>
			<ul>
				${errors.map(([key, messages]) => html`<li><code>${normalizeErrorKey(key) || 'form'}</code>: ${messages.join(' ')}</li>`)}
			</ul>
		</div>`;
	}

	#renderPage(page, p) {
		const n = p + 1;
		const pages = this.form.pages.length;
		return html`
			<uui-box class="page" data-page=${p}>
				<div slot="headline" class="headline">Page ${n}${page.caption ? html`: ${page.caption}` : nothing}</div>
				<div slot="header-actions" class="actions">
					<uui-button compact look="secondary" label=${`Move page ${n} up`} ?disabled=${p === 0} @click=${() => this.edit((f) => this.#move(f.pages, p, -1))}
						>↑</uui-button>
					<uui-button compact look="secondary" label=${`Move page ${n} down`} ?disabled=${p === pages - 1} @click=${() => this.edit((f) => this.#move(f.pages, p, 1))}
						>↓</uui-button>
					<uui-button compact look="secondary" color="danger" label=${`Remove page ${n}`} ?disabled=${pages === 1}
						@click=${() => this.edit((f) => f.pages.splice(p, 1))}></uui-button>
				</div>
				<div class="control wide">
					<uui-input
						label=${`Caption of page ${n}`}
						placeholder=${`Caption of page ${n} (optional)`}
						.value=${page.caption ?? ''}
						@input=${(e) => this.edit((f) => (f.pages[p].caption = e.target.value || null))}></uui-input>
				</div>
				${page.fieldSets.map((set, s) => this.#renderFieldSet(set, p, s))}
				<uui-button look="secondary" label=${`Add fieldset to page ${n}`}
					@click=${() => this.edit((f) => f.pages[p].fieldSets.push(newFieldSet(f.pages[p].fieldSets.length)))}></uui-button>
			</uui-box>
		`;
	}

	#renderFieldSet(set, p, s) {
		const where = `fieldset ${s + 1} on page ${p + 1}`;
		const inSet = new Set(set.containers.flatMap((c) => c.fields.map((f) => f.id)));
		return html`
			<section class="fieldset" aria-label=${`Fieldset ${s + 1} on page ${p + 1}`}>
				<div class="row">
					<div class="control wide">
						<uui-input
							label=${`Caption of ${where}`}
							placeholder=${`Caption of fieldset ${s + 1} (optional)`}
							.value=${set.caption ?? ''}
							@input=${(e) => this.edit((f) => (f.pages[p].fieldSets[s].caption = e.target.value || null))}></uui-input>
					</div>
					<uui-button look="secondary" label=${`Add column to ${where}`}
						@click=${() => this.edit((f) => {
							const containers = f.pages[p].fieldSets[s].containers;
							containers.push(newContainer());
							const width = Math.max(1, Math.floor(12 / containers.length));
							containers.forEach((c) => (c.width = width));
						})}></uui-button>
					<uui-button look="secondary" color="danger" label=${`Remove ${where}`}
						@click=${() => this.edit((f) => f.pages[p].fieldSets.splice(s, 1))}></uui-button>
				</div>
				<div class="columns">${set.containers.map((c, ci) => this.#renderContainer(c, p, s, ci))}</div>
				<mahse-form-condition
					subject=${where}
					.condition=${set.condition}
					.fields=${this.#allFields().filter((f) => !inSet.has(f.id))}
					@change=${(e) => this.edit((f) => (f.pages[p].fieldSets[s].condition = e.detail))}></mahse-form-condition>
			</section>
		`;
	}

	#renderContainer(container, p, s, c) {
		const where = `column ${c + 1} of fieldset ${s + 1} on page ${p + 1}`;
		const count = this.form.pages[p].fieldSets[s].containers.length;
		return html`
			<div class="column" style=${`flex-grow:${container.width}`} role="group" aria-label=${`Column ${c + 1} of fieldset ${s + 1} on page ${p + 1}`}>
				<div class="row">
					<uui-select
						label=${`Width of ${where} (out of 12)`}
						.options=${WIDTHS.map((w) => ({ name: `${w}/12`, value: String(w), selected: w === container.width }))}
						@change=${(e) => this.edit((f) => (f.pages[p].fieldSets[s].containers[c].width = Number(e.target.value)))}></uui-select>
					<uui-button compact look="secondary" color="danger" label=${`Remove ${where}`} ?disabled=${count === 1}
						@click=${() => this.edit((f) => f.pages[p].fieldSets[s].containers.splice(c, 1))}></uui-button>
				</div>
				<ol class="fields">
					${container.fields.map((field, fi) => this.#renderField(field, [p, s, c, fi], container.fields.length))}
				</ol>
				<uui-button look="outline" label=${`Add field to ${where}`} @click=${() => this.#addField(p, s, c)}>Add field</uui-button>
			</div>
		`;
	}

	#renderField(field, path, count) {
		const [p, s, c, f] = path;
		const errorPath = `pages[${p}].fieldsets[${s}].containers[${c}].fields[${f}]`;
		const errors = [...this.errorsAt(errorPath), ...this.errorsNaming('fields', [field.id, field.alias && `'${field.alias}'`])];
		const open = this._open === field.id;
		const name = field.caption || field.alias || `field ${f + 1}`;
		const type = this.#typeOf(field);
		return html`
			<li class=${`field ${open ? 'open' : ''} ${errors.length ? 'invalid' : ''}`} data-field=${field.alias || field.id}>
				<div class="field-summary">
					<button type="button" class="disclosure" aria-expanded=${open ? 'true' : 'false'} aria-controls=${`field-${field.id}`}
						@click=${() => (this._open = open ? null : field.id)}>
						<span aria-hidden="true">${open ? '▾' : '▸'}</span>
						<span class="caption">${field.caption || html`<em>New field</em>`}</span>
						<span class="meta">${type?.name ?? 'Unknown type'}${field.alias ? ` · ${field.alias}` : ''}${field.mandatory ? ' · mandatory' : ''}${field.condition?.enabled ? ' · conditional' : ''}</span>
						<span class="visually-hidden">Edit field ${name}</span>
					</button>
					<uui-button compact look="secondary" label=${`Move field ${name} up`} ?disabled=${f === 0}
						@click=${() => this.edit((form) => this.#move(form.pages[p].fieldSets[s].containers[c].fields, f, -1))}>↑</uui-button>
					<uui-button compact look="secondary" label=${`Move field ${name} down`} ?disabled=${f === count - 1}
						@click=${() => this.edit((form) => this.#move(form.pages[p].fieldSets[s].containers[c].fields, f, 1))}>↓</uui-button>
					<uui-button compact look="secondary" color="danger" label=${`Remove field ${name}`}
						@click=${() => this.edit((form) => form.pages[p].fieldSets[s].containers[c].fields.splice(f, 1))}></uui-button>
				</div>
				${errors.length && !open ? this.renderErrors(`field-${field.id}-summary-errors`, errors) : nothing}
				${open ? this.#renderFieldEditor(field, path, errorPath, type) : nothing}
			</li>
		`;
	}

	#renderFieldEditor(field, path, errorPath, type) {
		const id = field.id;
		const err = (prop) => this.errorsAt(`${errorPath}.${prop}`, true);
		const other = [...this.errorsAt(errorPath), ...this.errorsNaming('fields', [field.id, field.alias && `'${field.alias}'`])].filter(
			(m) => !['caption', 'alias', 'fieldtypeid', 'regex', 'prevalues', 'prevaluesourceid'].some((prop) => err(prop).includes(m)),
		);
		const text = (prop, label, options = {}) => {
			const messages = err(prop.toLowerCase());
			return html`<div class=${`control ${options.wide ? 'wide' : ''}`}>
				<label for=${`${prop}-${id}`}>${label}${options.required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
				<uui-input
					id=${`${prop}-${id}`}
					label=${label}
					?required=${!!options.required}
					aria-describedby=${messages.length ? `${prop}-${id}-errors` : ''}
					.value=${field[prop] ?? ''}
					@input=${(e) => this.#editField(path, (fd) => (options.set ?? ((v) => (fd[prop] = v || null)))(e.target.value, fd))}></uui-input>
				${options.hint ? html`<span class="hint">${options.hint}</span>` : nothing}
				${this.renderErrors(`${prop}-${id}-errors`, messages)}
			</div>`;
		};
		return html`
			<div class="field-editor" id=${`field-${id}`} role="group" aria-label=${`Settings of field ${field.caption || 'New field'}`}>
				${this.renderErrors(`field-${id}-errors`, other)}
				<div class="row">
					<div class="control">
						<label for=${`type-${id}`}>Field type</label>
						<uui-select
							id=${`type-${id}`}
							label="Field type"
							.options=${this.#fieldTypes().map((t) => ({ name: t.name, value: t.id, selected: t.id?.toLowerCase() === field.fieldTypeId?.toLowerCase() }))}
							@change=${(e) => this.#editField(path, (fd) => (fd.fieldTypeId = e.target.value))}></uui-select>
						${this.renderErrors(`type-${id}-errors`, err('fieldtypeid'))}
					</div>
					${text('caption', 'Caption', {
						wide: true,
						required: true,
						set: (v, fd) => {
							fd.caption = v;
							if (!this._aliasTouched.has(id)) fd.alias = aliasFromCaption(v);
						},
					})}
					${text('alias', 'Alias', {
						required: true,
						hint: 'Follows the caption until you change it.',
						set: (v, fd) => {
							this._aliasTouched.add(id);
							fd.alias = v;
						},
					})}
				</div>
				<div class="row">
					${text('tooltip', 'Help text', { wide: true })}
					${text('placeholder', 'Placeholder')}
				</div>
				<div class="row">
					<uui-toggle label="Mandatory" ?checked=${field.mandatory} @change=${(e) => this.#editField(path, (fd) => (fd.mandatory = e.target.checked))}>Mandatory</uui-toggle>
					<uui-toggle label="Contains sensitive data" ?checked=${field.containsSensitiveData}
						@change=${(e) => this.#editField(path, (fd) => (fd.containsSensitiveData = e.target.checked))}>Contains sensitive data</uui-toggle>
				</div>
				<div class="row">
					${text('regex', 'Validation (regular expression)', { wide: true })}
					${text('requiredErrorMessage', 'Message when missing')}
					${text('invalidErrorMessage', 'Message when invalid')}
				</div>
				${type?.supportsPreValues ? this.#renderPreValues(field, path, err) : nothing}
				${this.#renderSettings(field, path, type)}
				<mahse-form-condition
					subject=${`field ${field.caption || 'New field'}`}
					.condition=${field.condition}
					.fields=${this.#allFields().filter((f) => f.id !== id)}
					@change=${(e) => this.#editField(path, (fd) => (fd.condition = e.detail))}></mahse-form-condition>
				<uui-button look="primary" label="Done" @click=${() => (this._open = null)}></uui-button>
			</div>
		`;
	}

	#renderPreValues(field, path, err) {
		const sources = this._s?.prevalueSources ?? [];
		const id = field.id;
		return html`
			<fieldset class="prevalues">
				<legend>Choices</legend>
				<div class="control">
					<label for=${`source-${id}`}>Prevalue source</label>
					<uui-select
						id=${`source-${id}`}
						label="Prevalue source"
						.options=${[
							{ name: 'None: the choices below', value: '', selected: !field.prevalueSourceId },
							...sources.map((src) => ({ name: src.name, value: src.id, selected: src.id === field.prevalueSourceId || src.name === field.prevalueSourceId })),
						]}
						@change=${(e) => this.#editField(path, (fd) => (fd.prevalueSourceId = e.target.value || null))}></uui-select>
					${this.renderErrors(`source-${id}-errors`, err('prevaluesourceid'))}
				</div>
				${field.prevalueSourceId
					? nothing
					: html`<ol class="prevalue-list">
								${field.preValues.map(
									(pv, i) => html`<li class="row">
										<uui-input label=${`Value of choice ${i + 1}`} placeholder="Value" .value=${pv.value ?? ''}
											@input=${(e) => this.#editField(path, (fd) => (fd.preValues[i].value = e.target.value))}></uui-input>
										<uui-input label=${`Caption of choice ${i + 1}`} placeholder="Caption (optional)" .value=${pv.caption ?? ''}
											@input=${(e) => this.#editField(path, (fd) => (fd.preValues[i].caption = e.target.value || null))}></uui-input>
										<uui-button compact look="secondary" color="danger" label=${`Remove choice ${i + 1}`}
											@click=${() => this.#editField(path, (fd) => fd.preValues.splice(i, 1))}></uui-button>
									</li>`,
								)}
							</ol>
							${this.renderErrors(`prevalues-${id}-errors`, err('prevalues'))}
							<uui-button look="secondary" label="Add choice" @click=${() => this.#editField(path, (fd) => fd.preValues.push({ value: '', caption: null }))}></uui-button>`}
			</fieldset>
		`;
	}

	#renderSettings(field, path, type) {
		const settings = type?.settings ?? [];
		if (!settings.length) return nothing;
		return html`
			<fieldset class="settings">
				<legend>${type.name} settings</legend>
				<div class="row">
					${settings.map((setting) => {
						const key = Object.keys(field.settings ?? {}).find((k) => k.toLowerCase() === setting.alias.toLowerCase()) ?? setting.alias;
						const value = field.settings?.[key] ?? '';
						const bool = /checkbox|toggle|bool/i.test(setting.view ?? '');
						return bool
							? html`<uui-toggle label=${setting.name} ?checked=${value === 'True' || value === 'true'}
									@change=${(e) => this.#editField(path, (fd) => ((fd.settings ??= {})[key] = e.target.checked ? 'True' : 'False'))}>${setting.name}</uui-toggle>`
							: html`<div class="control">
									<label for=${`setting-${field.id}-${setting.alias}`}>${setting.name}</label>
									<uui-input id=${`setting-${field.id}-${setting.alias}`} label=${setting.name} .value=${value}
										@input=${(e) => this.#editField(path, (fd) => ((fd.settings ??= {})[key] = e.target.value))}></uui-input>
								</div>`;
					})}
				</div>
			</fieldset>
		`;
	}

	static styles = [
		...MahseFormViewBase.sharedStyles,
		css`
			.summary ul {
				margin: var(--uui-size-space-2) 0 0;
			}
			.summary {
				margin-bottom: var(--uui-size-space-5);
			}
			.headline {
				font-weight: 700;
			}
			.actions {
				display: flex;
				gap: var(--uui-size-space-2);
			}
			.fieldset {
				border: 1px solid var(--uui-color-border);
				border-radius: var(--uui-border-radius);
				padding: var(--uui-size-space-4);
				margin: var(--uui-size-space-4) 0;
			}
			.columns {
				display: flex;
				gap: var(--uui-size-space-4);
				margin-top: var(--uui-size-space-4);
			}
			.column {
				flex-basis: 0;
				min-width: 14em;
				border: 1px dashed var(--uui-color-border-emphasis);
				border-radius: var(--uui-border-radius);
				padding: var(--uui-size-space-3);
			}
			ol.fields,
			ol.prevalue-list {
				list-style: none;
				padding: 0;
				margin: var(--uui-size-space-3) 0;
			}
			li.field {
				border: 1px solid var(--uui-color-border);
				border-radius: var(--uui-border-radius);
				margin-bottom: var(--uui-size-space-2);
				background: var(--uui-color-surface);
			}
			li.field.invalid {
				border-color: var(--uui-color-danger);
			}
			.field-summary {
				display: flex;
				align-items: center;
				gap: var(--uui-size-space-2);
				padding: var(--uui-size-space-2);
			}
			.disclosure {
				flex: 1;
				display: flex;
				flex-wrap: wrap;
				gap: var(--uui-size-space-2);
				align-items: baseline;
				font: inherit;
				text-align: left;
				background: none;
				border: none;
				cursor: pointer;
				color: var(--uui-color-text);
				padding: var(--uui-size-space-1);
			}
			.disclosure:focus-visible {
				outline: 2px solid var(--uui-color-focus);
			}
			.disclosure .caption {
				font-weight: 700;
			}
			.disclosure .meta {
				color: var(--uui-color-text-alt);
			}
			.field-editor {
				padding: var(--uui-size-space-4);
				border-top: 1px solid var(--uui-color-border);
				display: flex;
				flex-direction: column;
				gap: var(--uui-size-space-4);
			}
			fieldset.prevalues,
			fieldset.settings {
				border: 1px solid var(--uui-color-border);
				border-radius: var(--uui-border-radius);
			}
			legend {
				font-weight: 700;
			}
		`,
	];
}

customElements.define('mahse-form-builder', MahseFormBuilderElement);
export { MahseFormBuilderElement as element };
export default MahseFormBuilderElement;
