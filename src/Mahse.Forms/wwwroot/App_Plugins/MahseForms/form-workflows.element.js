// The Workflows view of a form: what runs when an entry is submitted, approved or rejected (type from the catalogue,
// stage, active, settings the type declares).
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { newId } from './api.js';
import { MahseFormViewBase } from './form-view-base.js';

const STAGES = ['Submitted', 'Approved', 'Rejected'];

export class MahseFormWorkflowsElement extends MahseFormViewBase {
	#types() {
		return this._s?.workflowTypes ?? [];
	}

	#add() {
		const type = this.#types()[0];
		this.edit((f) =>
			f.workflows.push({
				id: newId(),
				name: type?.name ?? 'Workflow',
				active: true,
				includeSensitiveData: false,
				workflowTypeId: type?.id ?? '',
				executesOn: 'Submitted',
				sortOrder: f.workflows.length,
				settings: {},
			}),
		);
	}

	render() {
		const state = this.renderState();
		if (state) return state;
		const workflows = this.form.workflows ?? [];
		return html`
			<uui-box headline="Workflows">
				<p>Workflows run in the background after an entry reaches their stage; failed runs are retried and shown on the entry.</p>
				${workflows.length ? html`<ol class="workflows">${workflows.map((w, i) => this.#renderWorkflow(w, i))}</ol>` : html`<p>No workflows yet.</p>`}
				<uui-button look="primary" label="Add workflow" @click=${() => this.#add()}></uui-button>
			</uui-box>
		`;
	}

	#renderWorkflow(workflow, i) {
		const n = i + 1;
		const type = this.#types().find((t) => t.id?.toLowerCase() === workflow.workflowTypeId?.toLowerCase());
		const path = `workflows[${i}]`;
		const errors = [...this.errorsAt(path), ...this.errorsNaming('workflows', [workflow.id, workflow.name && `'${workflow.name}'`])];
		const set = (change) => this.edit((f) => change(f.workflows[i]));
		return html`
			<li class="workflow" role="group" aria-label=${`Workflow ${n}: ${workflow.name}`}>
				${this.renderErrors(`workflow-${i}-errors`, errors)}
				<div class="row">
					<div class="control wide">
						<label for=${`wf-name-${i}`}>Name of workflow ${n}</label>
						<uui-input id=${`wf-name-${i}`} label=${`Name of workflow ${n}`} .value=${workflow.name ?? ''} @input=${(e) => set((w) => (w.name = e.target.value))}></uui-input>
					</div>
					<div class="control">
						<label for=${`wf-type-${i}`}>Type of workflow ${n}</label>
						<uui-select
							id=${`wf-type-${i}`}
							label=${`Type of workflow ${n}`}
							.options=${this.#types().map((t) => ({ name: t.name, value: t.id, selected: t.id?.toLowerCase() === workflow.workflowTypeId?.toLowerCase() }))}
							@change=${(e) => set((w) => (w.workflowTypeId = e.target.value))}></uui-select>
					</div>
					<div class="control">
						<label for=${`wf-stage-${i}`}>Workflow ${n} runs when an entry is</label>
						<uui-select
							id=${`wf-stage-${i}`}
							label=${`Workflow ${n} runs when an entry is`}
							.options=${STAGES.map((s) => ({ name: s.toLowerCase(), value: s, selected: s === workflow.executesOn }))}
							@change=${(e) => set((w) => (w.executesOn = e.target.value))}></uui-select>
					</div>
				</div>
				<div class="row">
					<uui-toggle label=${`Workflow ${n} is active`} ?checked=${workflow.active} @change=${(e) => set((w) => (w.active = e.target.checked))}>Active</uui-toggle>
					<uui-toggle label=${`Workflow ${n} includes sensitive data`} ?checked=${workflow.includeSensitiveData}
						@change=${(e) => set((w) => (w.includeSensitiveData = e.target.checked))}>Include sensitive data</uui-toggle>
					<uui-button look="secondary" color="danger" label=${`Remove workflow ${n}`} @click=${() => this.edit((f) => f.workflows.splice(i, 1))}></uui-button>
				</div>
				${type?.settings?.length
					? html`<fieldset>
							<legend>${type.name} settings</legend>
							${type.settings.map((s) => {
								const key = Object.keys(workflow.settings ?? {}).find((k) => k.toLowerCase() === s.alias.toLowerCase()) ?? s.alias;
								const id = `wf-${i}-setting-${s.alias}`;
								const messages = this.errorsAt(`${path}.settings.${s.alias}`, true);
								return html`<div class="control wide">
									<label for=${id}>${s.name}</label>
									${/textarea|html|rte/i.test(s.view ?? '')
										? html`<uui-textarea id=${id} label=${`${s.name} (workflow ${n})`} .value=${workflow.settings?.[key] ?? ''}
												@input=${(e) => set((w) => ((w.settings ??= {})[key] = e.target.value))}></uui-textarea>`
										: html`<uui-input id=${id} label=${`${s.name} (workflow ${n})`} .value=${workflow.settings?.[key] ?? ''}
												aria-describedby=${s.description ? `${id}-hint` : ''}
												@input=${(e) => set((w) => ((w.settings ??= {})[key] = e.target.value))}></uui-input>`}
									${s.description ? html`<span class="hint" id=${`${id}-hint`}>${s.description}</span>` : nothing}
									${this.renderErrors(`${id}-errors`, messages)}
								</div>`;
							})}
						</fieldset>`
					: nothing}
			</li>
		`;
	}

	static styles = [
		...MahseFormViewBase.sharedStyles,
		css`
			ol.workflows {
				list-style: none;
				padding: 0;
			}
			li.workflow {
				border: 1px solid var(--uui-color-border);
				border-radius: var(--uui-border-radius);
				padding: var(--uui-size-space-4);
				margin-bottom: var(--uui-size-space-4);
				display: flex;
				flex-direction: column;
				gap: var(--uui-size-space-3);
			}
			fieldset {
				border: 1px solid var(--uui-color-border);
				border-radius: var(--uui-border-radius);
				display: flex;
				flex-direction: column;
				gap: var(--uui-size-space-3);
			}
			legend {
				font-weight: 700;
			}
			uui-input,
			uui-textarea {
				width: 100%;
			}
		`,
	];
}

customElements.define('mahse-form-workflows', MahseFormWorkflowsElement);
export { MahseFormWorkflowsElement as element };
export default MahseFormWorkflowsElement;
