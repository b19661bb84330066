// The form workspace: loads one form definition (or scaffolds a new one under a folder), holds the edited copy that
// the Design / Settings / Workflows views change, the field and workflow type catalogues, and the server's 422
// errors after a Save. Routes: edit/:unique and create/parent/:entityType/:parentUnique.
import { UmbContextBase } from '@umbraco-cms/backoffice/class-api';
import { UmbObjectState } from '@umbraco-cms/backoffice/observable-api';
import { UMB_WORKSPACE_CONTEXT, UmbWorkspaceRouteManager } from '@umbraco-cms/backoffice/workspace';
import { UMB_NOTIFICATION_CONTEXT } from '@umbraco-cms/backoffice/notification';
import { UMB_ACTION_EVENT_CONTEXT } from '@umbraco-cms/backoffice/action';
import { UmbRequestReloadChildrenOfEntityEvent, UmbRequestReloadStructureForEntityEvent } from '@umbraco-cms/backoffice/entity-action';
import { html } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { ENTITY, SECTION_PATH, formPath, problemText, request } from './api.js';
import { FORM_WORKSPACE_ALIAS, scaffoldForm } from './form-model.js';

export { FORM_WORKSPACE_ALIAS };

class MahseFormWorkspaceEditorElement extends UmbLitElement {
	static properties = { _name: { state: true }, _isNew: { state: true } };

	constructor() {
		super();
		this._name = '';
		this.consumeContext(UMB_WORKSPACE_CONTEXT, (context) => {
			if (context?.workspaceAlias !== FORM_WORKSPACE_ALIAS) return;
			this.observe(context.state, (s) => {
				this._name = s.data?.form?.name ?? '';
				this._isNew = s.isNew;
			});
		});
	}

	render() {
		const headline = this._name || (this._isNew ? 'New form' : 'Form');
		return html`<umb-workspace-editor .headline=${headline} back-path=${SECTION_PATH}></umb-workspace-editor>`;
	}
}
if (!customElements.get('mahse-form-workspace-editor')) customElements.define('mahse-form-workspace-editor', MahseFormWorkspaceEditorElement);

export class MahseFormWorkspaceContext extends UmbContextBase {
	// One state object so views re-render once per change: { data: {folderId, form}, isNew, errors, loading, loadError, fieldTypes, workflowTypes, saving }.
	#state = new UmbObjectState({ data: undefined, isNew: false, errors: {}, loading: true, loadError: null, fieldTypes: [], workflowTypes: [], prevalueSources: [], saving: false });
	state = this.#state.asObservable();
	#parent = { unique: null, entityType: ENTITY.root };

	constructor(host) {
		super(host, UMB_WORKSPACE_CONTEXT);
		this.workspaceAlias = FORM_WORKSPACE_ALIAS;
		this.routes = new UmbWorkspaceRouteManager(this);
		this.routes.setRoutes([
			{
				path: 'create/parent/:entityType/:parentUnique',
				component: MahseFormWorkspaceEditorElement,
				setup: (_component, info) => {
					const parentUnique = info.match.params.parentUnique;
					this.create(parentUnique === 'null' ? null : parentUnique);
				},
			},
			{
				path: 'edit/:unique',
				component: MahseFormWorkspaceEditorElement,
				setup: (_component, info) => this.load(info.match.params.unique),
			},
		]);
	}

	#set(changes) {
		this.#state.setValue({ ...this.#state.getValue(), ...changes });
	}

	getState() {
		return this.#state.getValue();
	}

	async #loadCatalogue() {
		if (this.getState().fieldTypes.length) return;
		const [fieldTypes, workflowTypes, prevalueSources] = await Promise.all([
			request(this, 'GET', 'field-types'),
			request(this, 'GET', 'workflow-types'),
			request(this, 'GET', 'prevalue-sources'),
		]);
		this.#set({
			fieldTypes: fieldTypes.ok ? fieldTypes.data : [],
			workflowTypes: workflowTypes.ok ? workflowTypes.data : [],
			prevalueSources: prevalueSources.ok ? prevalueSources.data : [],
		});
	}

	async load(unique) {
		this.#set({ loading: true, loadError: null, errors: {}, isNew: false });
		const [result] = await Promise.all([request(this, 'GET', `form/${unique}`), this.#loadCatalogue()]);
		if (!result.ok) {
			this.#set({ loading: false, data: undefined, loadError: result.status === 404 ? 'This form does not exist (any more).' : problemText(result) });
			return;
		}
		const folderId = result.data.folderId ?? null;
		this.#parent = { unique: folderId, entityType: folderId ? ENTITY.folder : ENTITY.root };
		this.#set({ loading: false, data: { folderId, form: result.data.form } });
	}

	async create(parentUnique) {
		this.#parent = { unique: parentUnique, entityType: parentUnique ? ENTITY.folder : ENTITY.root };
		this.#set({ loading: true, loadError: null, errors: {}, isNew: true, data: { folderId: parentUnique, form: scaffoldForm() } });
		await this.#loadCatalogue();
		this.#set({ loading: false });
	}

	/** Changes the edited form: `change` gets a deep copy to mutate, so observers see a new object. */
	edit(change) {
		const data = structuredClone(this.getState().data);
		if (!data) return;
		change(data.form, data);
		this.#set({ data });
	}

	getUnique() {
		return this.getState().data?.form?.id;
	}

	getEntityType() {
		return ENTITY.form;
	}

	/** POST for a new form, PUT otherwise; a 422 keeps the errors (keyed as the server names them) for the views. */
	async save() {
		const { data, isNew } = this.getState();
		if (!data) return false;
		this.#set({ saving: true });
		const body = { folderId: data.folderId ?? null, form: data.form };
		const result = isNew ? await request(this, 'POST', 'form', body) : await request(this, 'PUT', `form/${data.form.id}`, body);
		const notifications = await this.getContext(UMB_NOTIFICATION_CONTEXT);
		if (!result.ok) {
			const errors = result.data?.errors ?? {};
			this.#set({ saving: false, errors });
			const count = Object.keys(errors).length;
			notifications?.peek('danger', {
				data: {
					headline: 'The form was not saved',
					message: count ? `${count} problem${count === 1 ? '' : 's'} to fix: see the messages next to the fields.` : problemText(result),
				},
			});
			return false;
		}

		const events = await this.getContext(UMB_ACTION_EVENT_CONTEXT);
		if (isNew) {
			const id = result.data?.id ?? data.form.id;
			this.#set({ saving: false, errors: {}, isNew: false, data: { ...data, form: { ...data.form, id } } });
			// The route is now the saved form's; replaceState does not re-run the route's setup (nothing to reload).
			window.history.replaceState(null, '', `${document.baseURI.replace(/\/?$/, '/')}${formPath(id)}`);
			events?.dispatchEvent(new UmbRequestReloadChildrenOfEntityEvent(this.#parent));
		} else {
			this.#set({ saving: false, errors: {} });
			events?.dispatchEvent(new UmbRequestReloadStructureForEntityEvent({ unique: data.form.id, entityType: ENTITY.form }));
		}
		notifications?.peek('positive', { data: { headline: 'Form saved', message: data.form.name } });
		return true;
	}
}

export { MahseFormWorkspaceContext as api };
export default MahseFormWorkspaceContext;
