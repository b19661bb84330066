// Entity actions of the Forms tree that Umbraco's folder kinds do not cover: create a form (a link to a new form's
// workspace under the root or a folder) and delete a form (after a confirmation).
import { UmbEntityActionBase, UmbEntityDeletedEvent, UmbRequestReloadStructureForEntityEvent } from '@umbraco-cms/backoffice/entity-action';
import { UMB_ACTION_EVENT_CONTEXT } from '@umbraco-cms/backoffice/action';
import { UMB_NOTIFICATION_CONTEXT } from '@umbraco-cms/backoffice/notification';
import { umbConfirmModal } from '@umbraco-cms/backoffice/modal';
import { newFormPath, problemText, request } from './api.js';

export class MahseCreateFormEntityAction extends UmbEntityActionBase {
	async getHref() {
		return newFormPath(this.args.unique ?? null);
	}
}

export class MahseDeleteFormEntityAction extends UmbEntityActionBase {
	async execute() {
		const unique = this.args.unique;
		const found = await request(this, 'GET', `form/${unique}`);
		const name = found.ok ? found.data?.form?.name : 'this form';
		await umbConfirmModal(this, {
			headline: `Delete ${name}`,
			content: 'The form is deleted. Entries it already has stay readable only through a database backup.',
			color: 'danger',
			confirmLabel: 'Delete',
		});
		const result = await request(this, 'DELETE', `form/${unique}`);
		if (!result.ok) {
			const notifications = await this.getContext(UMB_NOTIFICATION_CONTEXT);
			notifications?.peek('danger', { data: { headline: 'The form was not deleted', message: problemText(result) } });
			return;
		}
		const events = await this.getContext(UMB_ACTION_EVENT_CONTEXT);
		events?.dispatchEvent(new UmbEntityDeletedEvent({ unique, entityType: this.args.entityType }));
		events?.dispatchEvent(new UmbRequestReloadStructureForEntityEvent({ unique, entityType: this.args.entityType }));
	}
}


