// The Forms tree (folders and forms) over the Management API's tree endpoints, mapped to the backoffice's tree item
// shape: { unique, entityType, name, hasChildren, isFolder, icon, parent: { unique, entityType } }.
import { UmbTreeRepositoryBase } from '@umbraco-cms/backoffice/tree';
import { UmbControllerBase } from '@umbraco-cms/backoffice/class-api';
import { ENTITY, request, problemText } from './api.js';

export function toTreeItem(item) {
	const folder = item.type === 'folder';
	return {
		unique: item.id,
		entityType: folder ? ENTITY.folder : ENTITY.form,
		name: item.name,
		hasChildren: !!item.hasChildren,
		isFolder: folder,
		icon: folder ? 'icon-folder' : 'icon-autofill',
		parent: { unique: item.parentId ?? null, entityType: item.parentId ? ENTITY.folder : ENTITY.root },
		flags: [],
	};
}

class FormsTreeDataSource extends UmbControllerBase {
	async #page(path, args) {
		const skip = args?.paging?.skip ?? args?.skip ?? 0;
		const take = args?.paging?.take ?? args?.take ?? 100;
		const separator = path.includes('?') ? '&' : '?';
		const result = await request(this, 'GET', `${path}${separator}skip=${skip}&take=${take}`);
		if (!result.ok) return { error: new Error(problemText(result)) };
		let items = (result.data.items ?? []).map(toTreeItem);
		// The folder picker of a move asks for folders only.
		if (args?.foldersOnly) items = items.filter((i) => i.isFolder);
		const total = args?.foldersOnly ? items.length : result.data.total ?? items.length;
		return { data: { items, total, totalBefore: 0, totalAfter: Math.max(0, total - skip - items.length) } };
	}

	getRootItems(args) {
		return this.#page('tree/root', args);
	}

	getChildrenOf(args) {
		if (args.parent.unique === null) return this.getRootItems(args);
		return this.#page(`tree/children?parentId=${encodeURIComponent(args.parent.unique)}`, args);
	}

	async getAncestorsOf(args) {
		const result = await request(this, 'GET', `tree/ancestors?descendantId=${encodeURIComponent(args.treeItem.unique)}`);
		if (!result.ok) return { error: new Error(problemText(result)) };
		return { data: (result.data ?? []).map(toTreeItem) };
	}
}

export class MahseFormsTreeRepository extends UmbTreeRepositoryBase {
	constructor(host) {
		super(host, FormsTreeDataSource);
	}

	async requestTreeRoot() {
		return { data: { unique: null, entityType: ENTITY.root, name: 'Forms', hasChildren: true, isFolder: true, icon: 'icon-folder' } };
	}
}

export { MahseFormsTreeRepository as api };
export default MahseFormsTreeRepository;
