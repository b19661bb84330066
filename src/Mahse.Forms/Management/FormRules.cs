using Mahse.Forms.Model;
using Mahse.Forms.Storage;

namespace Mahse.Forms.Management;

/// <summary>
/// What a form saved from the backoffice must satisfy before it is stored: a name; fields with aliases unique in the
/// form, unique ids and known types; workflows of known types at a known stage. Each broken rule is one error, keyed
/// by the member it concerns, for a 422 validation problem.
/// </summary>
public static class FormRules
{
    private static readonly string[] Stages = [EntryStates.Submitted, EntryStates.Approved, EntryStates.Rejected];

    public static IReadOnlyList<KeyValuePair<string, string>> Check(FormDefinition form)
    {
        var errors = new List<KeyValuePair<string, string>>();
        void Error(string key, string message) => errors.Add(new(key, message));

        if (string.IsNullOrWhiteSpace(form.Name))
        {
            Error("name", "A form needs a name.");
        }
        else if (form.Name.Length > 255)
        {
            Error("name", "A form's name is 255 characters at most.");
        }

        var fields = form.AllFields.ToList();
        foreach (var field in fields.Where(f => string.IsNullOrWhiteSpace(f.Alias)))
        {
            Error("fields", $"The field '{field.Caption}' ({field.Id}) has no alias.");
        }

        foreach (var duplicate in fields.Where(f => !string.IsNullOrWhiteSpace(f.Alias)).GroupBy(f => f.Alias, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            Error("fields", $"The alias '{duplicate.Key}' is used by more than one field.");
        }

        foreach (var duplicate in fields.GroupBy(f => f.Id).Where(g => g.Count() > 1 || g.Key == Guid.Empty))
        {
            Error("fields", duplicate.Key == Guid.Empty ? "Every field needs an id." : $"The field id {duplicate.Key} is used more than once.");
        }

        foreach (var field in fields.Where(f => FormFieldTypes.Find(f.FieldTypeId) is null))
        {
            Error("fields", $"The field '{field.Alias}' has an unknown field type {field.FieldTypeId}.");
        }

        foreach (var workflow in form.Workflows)
        {
            if (!FormCatalogue.IsKnownWorkflowType(workflow.WorkflowTypeId))
            {
                Error("workflows", $"The workflow '{workflow.Name}' has an unknown workflow type {workflow.WorkflowTypeId}.");
            }

            if (!Stages.Contains(workflow.ExecutesOn, StringComparer.OrdinalIgnoreCase))
            {
                Error("workflows", $"The workflow '{workflow.Name}' runs on '{workflow.ExecutesOn}'; use Submitted, Approved or Rejected.");
            }
        }

        foreach (var duplicate in form.Workflows.GroupBy(w => w.Id).Where(g => g.Count() > 1))
        {
            Error("workflows", $"The workflow id {duplicate.Key} is used more than once.");
        }

        return errors;
    }

    /// <summary>
    /// A copy with new ids for the form, its pages, fieldsets, fields and workflows; conditions follow their fields'
    /// new ids, so the copy's entries and conditions never mix with the original's.
    /// </summary>
    public static FormDefinition Copy(FormDefinition form, string name)
    {
        var copy = FormJson.Copy(form);
        copy.Id = Guid.NewGuid();
        copy.Name = name;
        var fieldIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var page in copy.Pages)
        {
            page.Id = Guid.NewGuid();
            foreach (var set in page.FieldSets)
            {
                set.Id = Guid.NewGuid();
                foreach (var field in set.Containers.SelectMany(c => c.Fields))
                {
                    var id = Guid.NewGuid();
                    fieldIds[field.Id.ToString()] = id.ToString();
                    field.Id = id;
                }
            }
        }

        foreach (var workflow in copy.Workflows)
        {
            workflow.Id = Guid.NewGuid();
        }

        var conditions = copy.Pages.Select(p => p.ButtonCondition)
            .Concat(copy.Pages.SelectMany(p => p.FieldSets).Select(s => s.Condition))
            .Concat(copy.AllFields.Select(f => f.Condition));
        foreach (var rule in conditions.Where(c => c is not null).SelectMany(c => c!.Rules))
        {
            if (Guid.TryParse(rule.Field, out var old) && fieldIds.TryGetValue(old.ToString(), out var renamed))
            {
                rule.Field = renamed;
            }
        }

        return copy;
    }
}
