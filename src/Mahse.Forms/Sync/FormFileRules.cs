using Mahse.Forms.Model;

namespace Mahse.Forms.Sync;

/// <summary>
/// What a form file must satisfy before it is stored, so that a broken file fails its own report line instead of
/// storing a form the delivery API could not render or validate.
/// </summary>
public static class FormFileRules
{
    public static IReadOnlyList<string> Check(FormDefinition form)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(form.Name))
        {
            problems.Add("The form has no name.");
        }

        var fields = form.AllFields.ToList();
        foreach (var field in fields.Where(f => string.IsNullOrWhiteSpace(f.Alias)))
        {
            problems.Add($"The field '{field.Caption}' ({field.Id}) has no alias.");
        }

        foreach (var duplicate in fields.Where(f => !string.IsNullOrWhiteSpace(f.Alias)).GroupBy(f => f.Alias, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"The alias '{duplicate.Key}' is used by {duplicate.Count()} fields.");
        }

        foreach (var duplicate in fields.GroupBy(f => f.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"The field id {duplicate.Key} is used by {duplicate.Count()} fields.");
        }

        foreach (var field in fields.Where(f => FormFieldTypes.Find(f.FieldTypeId) is null))
        {
            problems.Add($"The field '{field.Alias}' has an unknown field type id {field.FieldTypeId}.");
        }

        foreach (var duplicate in form.Workflows.GroupBy(w => w.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"The workflow id {duplicate.Key} is used by {duplicate.Count()} workflows.");
        }

        return problems;
    }
}
