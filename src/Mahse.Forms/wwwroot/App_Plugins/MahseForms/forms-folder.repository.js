// Folders of the Forms tree for Umbraco's own folder entity actions (kinds folderCreate, folderUpdate, folderDelete):
// they open Umbraco's folder modals and call createScaffold/create/requestByUnique/save/delete here.
import { UmbControllerBase } from '@umbraco-cms/backoffice/class-api';
import { UMB_NOTIFICATION_CONTEXT } from '@umbraco-cms/backoffice/notification';
import { ENTITY, newId, problemText, request } from './api.js';
import { toTreeItem } from './forms-tree.repository.js';

const toFolder = (item) => ({ unique: item.unique, entityType: ENTITY.folder, name: item.name, parentUnique: item.parent.unique });

export class MahseFormsFolderRepository extends UmbControllerBase {
	async #fail(headline, result) {
		const message = result.status === 409 ? 'The folder is not empty: move or delete its forms and folders first.' : problemText(result);
		const notifications = await this.getContext(UMB_NOTIFICATION_CONTEXT);
		notifications?.peek('danger', { data: { headline, message } });
		return { error: new Error(message) };
	}

	async createScaffold() {
		return { data: { unique: newId(), entityType: ENTITY.folder, name: '', parentUnique: null } };
	}

	async create(folder, parentUnique) {
		const body = { id: folder.unique, name: folder.name, parentId: parentUnique ?? null };
		const result = await request(this, 'POST', 'folder', body);
		if (!result.ok) return this.#fail('The folder was not created', result);
		return { data: { ...folder, unique: result.data?.id ?? folder.unique, parentUnique: parentUnique ?? null } };
	}

	/** There is no GET folder/{id}: the folder is found among its parent's children (ancestors give the parent). */
	async requestByUnique(unique) {
		const ancestors = await request(this, 'GET', `tree/ancestors?descendantId=${encodeURIComponent(unique)}`);
		if (!ancestors.ok) return this.#fail('The folder was not found', ancestors);
		const items = (ancestors.data ?? []).map(toTreeItem);
		const self = items.find((i) => i.unique === unique);
		if (self) return { data: toFolder(self) };
		const parent = items.at(-1)?.unique ?? null;
		const path = parent ? `tree/children?parentId=${parent}&skip=0&take=1000` : 'tree/root?skip=0&take=1000';
		const siblings = await request(this, 'GET', path);
		const found = siblings.ok ? (siblings.data.items ?? []).map(toTreeItem).find((i) => i.unique === unique) : undefined;
		return found ? { data: toFolder(found) } : this.#fail('The folder was not found', siblings);
	}

	async save(folder) {
		const result = await request(this, 'PUT', `folder/${folder.unique}`, { name: folder.name, parentId: folder.parentUnique ?? null });
		if (!result.ok) return this.#fail('The folder was not renamed', result);
		return { data: folder };
	}

	async delete(unique) {
		const result = await request(this, 'DELETE', `folder/${unique}`);
		if (!result.ok) return this.#fail('The folder was not deleted', result);
		return {};
	}
}

export { MahseFormsFolderRepository as api };
export default MahseFormsFolderRepository;
