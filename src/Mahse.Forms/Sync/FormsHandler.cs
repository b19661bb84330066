using System.Text.Json;
using System.Xml.Linq;
using Mahse.Forms.Model;
using Mahse.Forms.Storage;
using Mahse.Sync;
using Mahse.Sync.Handlers;
using Mahse.Sync.Serialization;

namespace Mahse.Forms.Sync;

/// <summary>
/// Forms in uSync.Forms' format (<c>Forms/</c>, root <c>forms-form</c>; <see cref="FormFileSerializer"/>). As
/// uSync.Forms does, a field's prevalue source travels by name (keys differ between sites) and is stored by key, and
/// the form's folder travels as a path ("/Parent/Child") whose folders are found by name or created.
/// </summary>
public sealed class FormsHandler(FormStore forms, PreValueSourceRows sources, UsyncNames names) : ISyncHandler
{
    public string Name => "FormsHandler";

    public string Folder => "Forms";

    public string ItemType => FormFileSerializer.ItemType;

    public int WriteLock => FormsLocks.Forms;

    // uSync.Forms runs at 2010, after content; here forms come before content so that a form picker's value names a
    // form that exists (docs/usync-extensions.md), and after their prevalue sources (1140).
    public int Priority => 1150;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct)
    {
        if (file.Key is not { } key || await forms.GetAsync(key, ct) is not { } stored)
        {
            return null;
        }

        var folders = await forms.FoldersAsync(ct);
        return await SerializeAsync(stored, FolderPath(folders, await forms.FolderOfAsync(key, ct)), ct);
    }

    public Task<string?> FileProblemAsync(SyncFile file, CancellationToken ct) => Task.FromResult(Read(file.Root, out _));

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        if (Read(file.Root, out var form) is { } problem)
        {
            return SyncItemOutcome.Fail(problem);
        }

        var warnings = await SourceNamesToKeysAsync(form!);
        Guid? folderKey = null;
        var folder = file.Root.Element("Info")?.Element("Folder");
        var path = folder?.Value.Trim('/', ' ') ?? "";
        if (path.Length > 0)
        {
            folderKey = await FindOrCreateFoldersAsync(path, ct);
            if (folderKey is null)
            {
                return SyncItemOutcome.Fail($"The folder '{folder!.Value}' could not be created.");
            }
        }

        // An empty <Folder> puts the form at the root; a file without one (uSync.Forms before folders) leaves it where it is.
        await forms.SaveAsync(form!, folderKey, moveToRoot: folder is not null && path.Length == 0, ct);
        return new SyncItemOutcome(change, Warnings: warnings);
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct) =>
        marker.Key is { } key && await forms.DeleteAsync(key, ct)
            ? new SyncItemOutcome(SyncChange.Delete)
            : new SyncItemOutcome(SyncChange.NoChange, "Already gone.");

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        var folders = await forms.FoldersAsync(ct);
        var summaries = (await forms.ListAsync(ct)).ToDictionary(s => s.Key);
        var files = new List<(string, Guid, XElement)>();
        foreach (var form in await forms.AllAsync(ct))
        {
            var xml = await SerializeAsync(form, FolderPath(folders, summaries.GetValueOrDefault(form.Id)?.FolderKey), ct);
            files.Add((FileNameFor(xml), form.Id, xml));
        }

        return files;
    }

    /// <summary>The file's form, or why it cannot be stored.</summary>
    private static string? Read(XElement root, out FormDefinition? form)
    {
        form = null;
        try
        {
            form = FormFileSerializer.Deserialize(root);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return ex.Message;
        }

        return FormFileRules.Check(form) is { Count: > 0 } problems ? string.Join(" ", problems) : null;
    }

    private async Task<XElement> SerializeAsync(FormDefinition stored, string folderPath, CancellationToken ct)
    {
        var form = stored;
        if (form.AllFields.Any(f => Guid.TryParse(f.PrevalueSourceId, out var id) && id != Guid.Empty))
        {
            // A copy: the stored definition is cached and shared.
            form = FormJson.Copy(stored);
            var byKey = (await sources.AllAsync()).ToDictionary(s => s.Key, s => s.Name);
            foreach (var field in form.AllFields)
            {
                if (Guid.TryParse(field.PrevalueSourceId, out var id) && byKey.TryGetValue(id, out var name))
                {
                    field.PrevalueSourceId = name;
                }
            }
        }

        return FormFileSerializer.Serialize(form, folderPath);
    }

    /// <summary>uSync.Forms' name-for-key mapping, reversed; a source not found is kept by name (the delivery API resolves names too).</summary>
    private async Task<IReadOnlyList<string>> SourceNamesToKeysAsync(FormDefinition form)
    {
        var named = form.AllFields.Where(f => !string.IsNullOrWhiteSpace(f.PrevalueSourceId) && !Guid.TryParse(f.PrevalueSourceId, out _)).ToList();
        if (named.Count == 0)
        {
            return [];
        }

        var warnings = new List<string>();
        var byName = (await sources.AllAsync()).GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.OrdinalIgnoreCase);
        foreach (var field in named)
        {
            if (byName.TryGetValue(field.PrevalueSourceId!.Trim(), out var key))
            {
                field.PrevalueSourceId = key.ToString();
            }
            else
            {
                warnings.Add($"The field '{field.Alias}' names the prevalue source '{field.PrevalueSourceId}', which does not exist.");
            }
        }

        return warnings;
    }

    private async Task<Guid?> FindOrCreateFoldersAsync(string path, CancellationToken ct)
    {
        var folders = await forms.FoldersAsync(ct);
        Guid? parent = null;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var existing = folders.FirstOrDefault(f => f.ParentKey == parent && string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                parent = existing.Key;
                continue;
            }

            var key = Guid.NewGuid();
            if (!await forms.SaveFolderAsync(key, name, parent, ct))
            {
                return null;
            }

            parent = key;
        }

        return parent;
    }

    /// <summary>uSync.Forms' folder path: "/" and each folder's name from the root down; empty at the root.</summary>
    private static string FolderPath(IReadOnlyList<FormFolderRow> folders, Guid? folderKey)
    {
        var byKey = folders.ToDictionary(f => f.Key);
        var names = new List<string>();
        for (var key = folderKey; key is { } k && byKey.TryGetValue(k, out var folder) && names.Count <= byKey.Count; key = folder.ParentKey)
        {
            names.Insert(0, folder.Name);
        }

        return names.Count == 0 ? "" : "/" + string.Join('/', names);
    }
}
