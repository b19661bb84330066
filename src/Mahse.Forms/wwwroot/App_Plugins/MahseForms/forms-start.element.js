// The Forms section's start page: every form with a link to it, and links to create one.
import { html, css, nothing } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { UmbTextStyles } from '@umbraco-cms/backoffice/style';
import { formPath, newFormPath, problemText, request } from './api.js';

export class MahseFormsStartElement extends UmbLitElement {
	static properties = { _forms: { state: true }, _error: { state: true } };

	constructor() {
		super();
		this._forms = null;
	}

	async connectedCallback() {
		super.connectedCallback();
		const result = await request(this, 'GET', 'form');
		this._error = result.ok ? null : problemText(result);
		this._forms = result.ok ? [...result.data].sort((a, b) => a.name.localeCompare(b.name)) : [];
	}

	render() {
		return html`
			<uui-box headline="MAHSE Forms">
				<p>
					The MAHSE Forms module, compatible with Umbraco Forms' files and APIs. Build forms in the tree on the left; a form picker
					on a page (for example a fellowship call's application form) makes a form available to the site.
				</p>
				<a class="link-button" href=${newFormPath(null)}>Create a form</a>
			</uui-box>
			<uui-box headline="Forms">
				${this._forms === null
					? html`<uui-loader aria-label="Loading forms"></uui-loader>`
					: this._error
						? html`<p role="alert">${this._error}</p>`
						: this._forms.length
							? html`<ul>
									${this._forms.map(
										(f) => html`<li><a href=${formPath(f.id)}>${f.name}</a> <span class="meta">updated ${new Date(f.updated).toLocaleString()}</span></li>`,
									)}
								</ul>`
							: html`<p>No forms yet.</p>`}
			</uui-box>
		`;
	}

	static styles = [
		UmbTextStyles,
		css`
			:host {
				display: block;
				padding: var(--uui-size-layout-1);
			}
			uui-box {
				margin-bottom: var(--uui-size-space-5);
			}
			.meta {
				color: var(--uui-color-text-alt);
			}
			.link-button {
				color: var(--uui-color-interactive);
				font-weight: 700;
			}
		`,
	];
}

customElements.define('mahse-forms-start', MahseFormsStartElement);
export { MahseFormsStartElement as element };
export default MahseFormsStartElement;
