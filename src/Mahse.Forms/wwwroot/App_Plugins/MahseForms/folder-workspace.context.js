// A folder of the Forms tree opened from the tree: its forms and folders as links, and a link to create a form in it.
// Renaming, deleting and sub-folders are the folder's entity actions (Umbraco's folder kinds).
import { UmbContextBase } from '@umbraco-cms/backoffice/class-api';
import { UmbObjectState } from '@umbraco-cms/backoffice/observable-api';
import { UMB_WORKSPACE_CONTEXT, UmbWorkspaceRouteManager } from '@umbraco-cms/backoffice/workspace';
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { UmbTextStyles } from '@umbraco-cms/backoffice/style';
import { ENTITY, SECTION_PATH, formPath, newFormPath, problemText, request } from './api.js';

const FOLDER_WORKSPACE_ALIAS = 'Mahse.Workspace.FormsFolder';

class MahseFormsFolderWorkspaceEditorElement extends UmbLitElement {
	static properties = { _s: { state: true } };

	constructor() {
		super();
		this.consumeContext(UMB_WORKSPACE_CONTEXT, (context) => {
			if (context?.workspaceAlias !== FOLDER_WORKSPACE_ALIAS) return;
			this.observe(context.state, (s) => (this._s = s));
		});
	}

	render() {
		const s = this._s;
		return html`<umb-workspace-editor .headline=${s?.name ?? 'Folder'} back-path=${SECTION_PATH} .enforceNoFooter=${true}>
			<div class="content">
				${!s || s.loading
					? html`<uui-loader aria-label="Loading the folder"></uui-loader>`
					: s.error
						? html`<p role="alert">${s.error}</p>`
						: html`<uui-box headline="In this folder">
								${s.items.length
									? html`<ul>
											${s.items.map(
												(i) => html`<li>
													<a href=${i.type === 'folder' ? `${SECTION_PATH}/workspace/${ENTITY.folder}/edit/${i.id}` : formPath(i.id)}
														>${i.type === 'folder' ? 'Folder' : 'Form'}: ${i.name}</a
													>
												</li>`,
											)}
										</ul>`
									: html`<p>This folder is empty.</p>`}
								<a class="link-button" href=${newFormPath(s.unique)}>Create a form in this folder</a>
							</uui-box>`}
			</div>
		</umb-workspace-editor>`;
	}

	static styles = [
		UmbTextStyles,
		css`
			.content {
				padding: var(--uui-size-layout-1);
			}
			.link-button {
				display: inline-block;
				margin-top: var(--uui-size-space-4);
				color: var(--uui-color-interactive);
			}
		`,
	];
}
customElements.define('mahse-forms-folder-workspace-editor', MahseFormsFolderWorkspaceEditorElement);

export class MahseFormsFolderWorkspaceContext extends UmbContextBase {
	#state = new UmbObjectState({ loading: true });
	state = this.#state.asObservable();

	constructor(host) {
		super(host, UMB_WORKSPACE_CONTEXT);
		this.workspaceAlias = FOLDER_WORKSPACE_ALIAS;
		this.routes = new UmbWorkspaceRouteManager(this);
		this.routes.setRoutes([
			{ path: 'edit/:unique', component: MahseFormsFolderWorkspaceEditorElement, setup: (_c, info) => this.load(info.match.params.unique) },
		]);
	}

	async load(unique) {
		this.#state.setValue({ loading: true, unique });
		const [children, ancestors] = await Promise.all([
			request(this, 'GET', `tree/children?parentId=${encodeURIComponent(unique)}&skip=0&take=500`),
			request(this, 'GET', `tree/ancestors?descendantId=${encodeURIComponent(unique)}`),
		]);
		if (!children.ok) {
			this.#state.setValue({ loading: false, unique, error: problemText(children), items: [] });
			return;
		}
		let name = (ancestors.ok ? ancestors.data : []).find((a) => a.id === unique)?.name;
		if (!name) {
			const parent = (ancestors.ok ? ancestors.data : []).at(-1)?.id;
			const siblings = await request(this, 'GET', parent ? `tree/children?parentId=${parent}&skip=0&take=1000` : 'tree/root?skip=0&take=1000');
			name = siblings.ok ? siblings.data.items.find((i) => i.id === unique)?.name : undefined;
		}
		this.#state.setValue({ loading: false, unique, name: name ?? 'Folder', items: children.data.items ?? [] });
	}

	getUnique() {
		return this.#state.getValue().unique;
	}

	getEntityType() {
		return ENTITY.folder;
	}
}

export { MahseFormsFolderWorkspaceContext as api };
