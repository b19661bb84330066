using Mahse.Forms.Management.Models;
using Mahse.Forms.Model;
using Mahse.Forms.Storage;

namespace Mahse.Forms.Management;

/// <summary>
/// How an entry shows to one reviewer: the form's value-holding fields (sensitive ones only to those who may see
/// them), and the stored values keyed by those fields' aliases. Values of fields the form no longer has are left out.
/// </summary>
public sealed class EntryView(FormDefinition form, bool seesSensitive)
{
    public FormDefinition Form => form;

    public IReadOnlyList<FormField> Fields { get; } = form.AllFields
        .Where(f => FormFieldTypes.Find(f.FieldTypeId)?.StoresValue != false && (seesSensitive || !f.ContainsSensitiveData))
        .ToList();

    public IReadOnlyList<EntryFieldResponse> FieldModels => Fields
        .Select(f => new EntryFieldResponse(f.Id, f.Alias, f.Caption, FormFieldTypes.Find(f.FieldTypeId)?.Alias ?? f.FieldTypeId.ToString()))
        .ToList();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values(EntryRow row)
    {
        var stored = EntryStore.ValuesOf(row);
        var values = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var field in Fields)
        {
            if (stored.TryGetValue(field.Id, out var value))
            {
                values[field.Alias] = IsUpload(field) ? value.Select(UploadedFiles.DisplayName).ToList() : value;
            }
        }

        return values;
    }

    public EntryResponse Model(EntryRow row) =>
        new(row.Key, row.FormKey, row.State, Utc(row.CreateDate), Utc(row.UpdateDate), row.MemberKey, row.ContentKey, row.Culture, Values(row));

    /// <summary>The uploads of the fields this reviewer may see, as (field, stored path).</summary>
    public IEnumerable<(FormField Field, string StoredPath)> Uploads(EntryRow row)
    {
        var stored = EntryStore.ValuesOf(row);
        return Fields.Where(IsUpload).SelectMany(f => stored.TryGetValue(f.Id, out var paths) ? paths.Select(p => (f, p)) : []);
    }

    public static bool IsUpload(FormField field) => field.FieldTypeId == FormFieldTypes.FileUpload.Id;

    /// <summary>The form of an entry whose form was deleted: no fields, no workflows, but the entry can still be handled.</summary>
    public static FormDefinition Orphan(Guid formKey) => new() { Id = formKey, Name = "(deleted form)" };

    public static DateTime Utc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);
}
