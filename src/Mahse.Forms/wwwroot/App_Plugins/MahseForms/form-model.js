// The form definition's shape as the builder starts it, and the workspace alias the views check for. Kept apart from
// form-workspace.context.js because Umbraco loads a manifest's module with a cache-busting query
// (form-workspace.context.js?umb__rnd=<version>) while a relative import loads it without: a view importing these from
// the workspace module got a second copy of it, whose customElements.define threw, so the Design and Entries views
// never loaded. This module is in no manifest, so every import shares one copy.
import { newId } from './api.js';

export const FORM_WORKSPACE_ALIAS = 'Mahse.Workspace.Form';

/** A new form as the builder starts it: one page, one fieldset, one full-width column, no fields. */
export function scaffoldForm() {
	return {
		id: newId(),
		name: '',
		fieldIndicationType: 'MarkMandatoryFields',
		indicator: '*',
		showValidationSummary: false,
		hideFieldValidation: false,
		requiredErrorMessage: 'Please provide a value for {0}',
		invalidErrorMessage: 'Please provide a valid value for {0}',
		messageOnSubmit: 'Thank you',
		messageOnSubmitIsHtml: false,
		goToPageOnSubmit: null,
		manualApproval: false,
		storeRecordsLocally: true,
		submitLabel: 'Submit',
		nextLabel: 'Next',
		prevLabel: 'Previous',
		daysToRetainSubmittedRecordsFor: 0,
		daysToRetainApprovedRecordsFor: 0,
		daysToRetainRejectedRecordsFor: 0,
		closesAt: null,
		workflows: [],
		pages: [newPage(0)],
	};
}

export const newContainer = () => ({ caption: null, width: 12, fields: [] });
export const newFieldSet = (sortOrder) => ({ id: newId(), caption: null, sortOrder, condition: null, containers: [newContainer()] });
export const newPage = (sortOrder) => ({ id: newId(), caption: null, sortOrder, buttonCondition: null, fieldSets: [newFieldSet(0)] });
