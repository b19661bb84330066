// The Save button in the form workspace's footer.
import { UmbWorkspaceActionBase, UMB_WORKSPACE_CONTEXT } from '@umbraco-cms/backoffice/workspace';

export class MahseFormSaveAction extends UmbWorkspaceActionBase {
	async execute() {
		const context = await this.getContext(UMB_WORKSPACE_CONTEXT);
		await context?.save?.();
	}
}

export { MahseFormSaveAction as api };
