using System.Xml;
using System.Xml.Linq;
using Mahse.Sync.Handlers;
using Mahse.Sync.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Scoping;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync;

/// <summary>
/// Imports and exports a uSync v17 folder, handler by handler in uSync's order, collecting one report line per
/// item instead of stopping at the first problem (a duplicate key is the one error that stops an import). Each item
/// is applied in its own Umbraco scope, completed only when the item went in whole: a failure leaves nothing of it.
/// </summary>
public sealed class SyncService(
    IEnumerable<ISyncHandler> handlers,
    ICoreScopeProvider scopes,
    AppCaches appCaches,
    IIdKeyMap idKeyMap,
    SyncStateStore states,
    IOptions<SyncSettings> settings,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<SyncService> logger)
{
    public const string FormatVersion = "10.7.0";
    public const string VersionStamp = "17.0.2.0";
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _importing;
    private SyncProgress _progress = SyncProgress.Idle;

    public SyncReport? LastReport { get; private set; }

    /// <summary>The running (or last) import's or export's progress, for the dashboard to poll.</summary>
    public SyncProgress Progress => Volatile.Read(ref _progress);

    /// <summary>True while an import runs: uSync pauses export-on-save then, so an import never rewrites its own files.</summary>
    public bool IsImporting => Volatile.Read(ref _importing) > 0;

    public string DefaultFolder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.Value.RootFolder));

    private IEnumerable<ISyncHandler> Handlers(SyncGroups groups) => handlers.Where(h => (h.Group & groups) != 0).OrderBy(h => h.Priority);

    public async Task<SyncReport> ImportAsync(string? folder, bool dryRun, SyncGroups groups, CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        Interlocked.Increment(ref _importing);
        try
        {
            Report(new SyncProgress(dryRun ? "Report" : "Import", true, null, 0, 0, clock.GetUtcNow()));
            var report = await ImportCoreAsync(Path.GetFullPath(folder ?? DefaultFolder), dryRun, groups, ct);
            LastReport = report;
            logger.LogInformation("uSync {Action}: {Count} items, {Changes} changes, {Failures} failures in {Elapsed} ms",
                report.Action, report.Lines.Count, report.Lines.Count(l => l.Change is not SyncChange.NoChange), report.Lines.Count(l => !l.Success), report.Duration.TotalMilliseconds);
            return report;
        }
        finally
        {
            Report(Progress with { Running = false });
            Interlocked.Decrement(ref _importing);
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Runs one item's change in its own Umbraco scope, completed only when the change is to be kept. A scope that is
    /// not completed rolls the database back, but Umbraco's repository caches and id-key map are not part of the
    /// transaction: they are emptied then, or a rolled-back item would still be served from them. (The scope's own
    /// "Scoped" cache mode would do the same for every item, at the price of reloading every cached type per item.)
    /// </summary>
    private async Task<T> InItemScopeAsync<T>(ISyncHandler handler, Func<Task<T>> change, Func<T, bool> keep)
    {
        var kept = false;
        try
        {
            using var scope = WritingScope(handler.WriteLock);
            var result = await change();
            if (keep(result))
            {
                scope.Complete();
                kept = true;
            }

            return result;
        }
        finally
        {
            if (!kept)
            {
                appCaches.IsolatedCaches.ClearAllCaches();
                appCaches.RuntimeCache.Clear();
                idKeyMap.ClearCache();
            }
        }
    }

    /// <summary>
    /// A scope that takes its write lock before it reads anything. On SQLite (WAL, deferred transactions) a transaction
    /// that has read and then wants to write fails with SQLITE_BUSY_SNAPSHOT if anyone else committed in between (an
    /// editor saving, a token being issued), and Umbraco's retry policy retries that hopeless statement for minutes. A
    /// write lock taken first waits its turn instead, as Umbraco's own services do.
    /// </summary>
    private ICoreScope WritingScope(int writeLock)
    {
        var scope = scopes.CreateCoreScope();
        try
        {
            // Longer than Umbraco's default of 5 s, which a long publish beside the import can outlast.
            scope.EagerWriteLock(WriteLockTimeout, writeLock);
            return scope;
        }
        catch
        {
            // Undisposed, the scope would stay ambient and every later item would nest in its open transaction.
            scope.Dispose();
            throw;
        }
    }

    private static readonly TimeSpan WriteLockTimeout = TimeSpan.FromSeconds(30);

    private void Report(SyncProgress progress) => Volatile.Write(ref _progress, progress);

    private void Advance(string handler, int by = 1) => Report(Progress with { Handler = handler, Done = Progress.Done + by });

    /// <summary>Writes one item's file (export on save); a renamed item leaves a Rename marker at its old file.</summary>
    public async Task<SyncChange> ExportItemAsync(ISyncHandler handler, Guid key, string? alias, CancellationToken ct)
    {
        var stub = new SyncFile("", "", new XElement(handler.ItemType, new XAttribute("Key", key.ToString()), new XAttribute("Alias", alias ?? "")));
        var xml = await handler.CurrentAsync(stub, ct);
        if (xml is null)
        {
            return SyncChange.NoChange;
        }

        var folder = Path.Combine(DefaultFolder, handler.Folder);
        var existing = FindFiles(folder, key);
        var path = Path.Combine(folder, handler.FileNameFor(xml));
        if (File.Exists(path) && !existing.Contains(path) && FileKey(path) is { } other && other != key)
        {
            // Another item already has this name: uSync's clash rule, name_ plus a short key.
            path = Path.Combine(folder, Path.GetFileNameWithoutExtension(path) + "_" + key.ToString("N")[..8] + ".config");
        }

        foreach (var old in existing.Where(p => !string.Equals(p, path, StringComparison.Ordinal)))
        {
            await UsyncXml.WriteAsync(old, new XElement("Empty", new XAttribute("Key", key.ToString()), new XAttribute("Alias", xml.Attribute("Alias")?.Value ?? ""), new XAttribute("Change", "Rename")), ct);
        }

        return await WriteIfChangedAsync(path, xml, ct);
    }

    /// <summary>Overwrites a deleted item's file with uSync's Delete marker, so the deletion travels with the files.</summary>
    public async Task WriteDeleteMarkerAsync(ISyncHandler handler, Guid key, string alias, int? level, CancellationToken ct)
    {
        var folder = Path.Combine(DefaultFolder, handler.Folder);
        var existing = FindFiles(folder, key);
        var marker = new XElement("Empty", new XAttribute("Key", key.ToString()), new XAttribute("Alias", alias), new XAttribute("Change", "Delete"));
        if (level is not null)
        {
            marker.Add(new XAttribute("Level", level));
        }

        var targets = existing.Count > 0 ? existing : [Path.Combine(folder, handler.FileNameFor(new XElement(handler.ItemType, new XAttribute("Alias", alias))))];
        foreach (var path in targets)
        {
            await UsyncXml.WriteAsync(path, marker, ct);
        }
    }

    private static List<string> FindFiles(string folder, Guid key) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.config", SearchOption.AllDirectories).Where(p => FileKey(p) == key).ToList()
            : [];

    private static Guid? FileKey(string path)
    {
        try
        {
            var root = XElement.Load(path);
            return root.Name.LocalName == "Empty" ? null : UsyncXml.ReadGuid(root.Attribute("Key")?.Value);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private async Task<SyncReport> ImportCoreAsync(string root, bool dryRun, SyncGroups groups, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var lines = new List<SyncReportLine>();
        SyncReport Finish() => new(dryRun ? "Report" : "Import", dryRun, root, started, clock.GetUtcNow() - started, lines);

        if (!Directory.Exists(root))
        {
            lines.Add(new SyncReportLine("uSync", "Folder", root, null, SyncChange.Fail, root, "The uSync folder does not exist."));
            return Finish();
        }

        CheckVersionStamp(root, lines);
        var loaded = new List<(ISyncHandler Handler, List<SyncFile> Files)>();
        foreach (var handler in Handlers(groups))
        {
            loaded.Add((handler, LoadFiles(root, handler, lines)));
        }

        var duplicates = loaded.SelectMany(l => l.Files).Where(f => !f.IsEmpty && f.Key is not null)
            .GroupBy(f => (f.Root.Name.LocalName, f.Key)).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            foreach (var group in duplicates)
            {
                var files = group.ToList();
                lines.Add(new SyncReportLine("uSync", group.Key.LocalName, files[0].Alias, group.Key.Key, SyncChange.Fail, files[1].RelativePath,
                    $"Duplicate: Item key {group.Key.Key} already exists for {files[0].RelativePath}; the import stopped and nothing was changed."));
            }

            return Finish();
        }

        var context = new SyncImportContext(dryRun);
        foreach (var file in loaded.Where(l => l.Handler.ItemType is "Content" or "Media").SelectMany(l => l.Files).Where(f => !f.IsEmpty && f.Key is not null))
        {
            context.BatchKeys.Add(file.Key!.Value);
        }

        Report(Progress with { Total = loaded.Sum(l => l.Files.Count) });
        var deferredDeletes = new List<(ISyncHandler, SyncFile)>();
        foreach (var (handler, files) in loaded)
        {
            await ImportHandlerAsync(handler, files, context, lines, deferredDeletes, ct);
        }

        foreach (var (handler, marker) in deferredDeletes)
        {
            lines.Add(await DeleteAsync(handler, marker, dryRun, ct));
        }

        return Finish();
    }

    private async Task ImportHandlerAsync(
        ISyncHandler handler, List<SyncFile> files, SyncImportContext context, List<SyncReportLine> lines,
        List<(ISyncHandler, SyncFile)> deferredDeletes, CancellationToken ct)
    {
        var items = files.Where(f => !f.IsEmpty).ToList();
        if (handler.OrderByLevel)
        {
            items = items.OrderBy(f => f.OrderValue).ThenBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
        }

        var known = states.Load(handler.ItemType);
        var secondPass = new List<(SyncFile File, int Line)>();
        foreach (var file in items)
        {
            var line = await ImportItemAsync(handler, file, context, known, ct);
            Advance(handler.Name);
            lines.Add(line);
            if (!line.Success && file.Key is { } failed)
            {
                context.FailedKeys.Add(failed);
            }

            if (!context.DryRun && line.Success && line.Change is SyncChange.Create or SyncChange.Update)
            {
                secondPass.Add((file, lines.Count - 1));
            }
        }

        foreach (var (file, index) in secondPass)
        {
            SyncItemOutcome? outcome;
            try
            {
                outcome = await InItemScopeAsync(handler, () => handler.SecondPassAsync(file, context, ct), o => o is null || o.Change != SyncChange.Fail);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcome = SyncItemOutcome.Fail("Second Pass Fail: " + ex.Message);
            }

            if (outcome is not null)
            {
                var line = lines[index];
                lines[index] = line with
                {
                    Change = outcome.Change == SyncChange.Fail ? SyncChange.Fail : line.Change,
                    Message = outcome.Message ?? line.Message,
                    Warnings = [.. line.Warnings ?? [], .. outcome.Warnings ?? []],
                };
            }
        }

        if (!context.DryRun)
        {
            await RememberAsync(handler, secondPass.Where(p => lines[p.Line].Success).Select(p => p.File).ToList(), ct);
        }

        foreach (var marker in files.Where(f => f.IsEmpty && !string.Equals(f.EmptyChange, "Delete", StringComparison.OrdinalIgnoreCase)))
        {
            Advance(handler.Name); // Rename and Clean markers only say where an item used to be.
        }

        foreach (var marker in files.Where(f => f.IsEmpty && string.Equals(f.EmptyChange, "Delete", StringComparison.OrdinalIgnoreCase)))
        {
            Advance(handler.Name);
            if (handler.ItemType == "DataType")
            {
                deferredDeletes.Add((handler, marker));
            }
            else
            {
                lines.Add(await DeleteAsync(handler, marker, context.DryRun, ct));
            }
        }
    }

    /// <summary>
    /// Records each imported file with the state it left, so that importing it again is NoChange: with the item's
    /// stamp where its handler has one (no need to serialise the item again), else with its serialised state. One
    /// scope for all the rows, so they are written in one transaction.
    /// </summary>
    private async Task RememberAsync(ISyncHandler handler, IReadOnlyList<SyncFile> imported, CancellationToken ct)
    {
        using var scope = WritingScope(Constants.Locks.KeyValues);
        foreach (var file in imported)
        {
            if (file.Key is not { } key)
            {
                continue;
            }

            if (await handler.StampAsync(file, ct) is { } stamp)
            {
                states.Save(handler.ItemType, key, new SyncState(SyncStateStore.Hash(file.Root), "", stamp));
            }
            else if (await handler.CurrentAsync(file, ct) is { } after)
            {
                states.Save(handler.ItemType, key, new SyncState(SyncStateStore.Hash(file.Root), SyncStateStore.Hash(after)));
            }
        }

        scope.Complete();
    }

    private async Task<SyncReportLine> ImportItemAsync(
        ISyncHandler handler, SyncFile file, SyncImportContext context, IReadOnlyDictionary<Guid, SyncState> known, CancellationToken ct)
    {
        SyncReportLine Line(SyncChange change, string? message = null, IReadOnlyList<SyncFieldChange>? details = null, IReadOnlyList<string>? warnings = null) =>
            new(handler.Name, handler.ItemType, file.Alias, file.Key, change, file.RelativePath, message, details, warnings);

        try
        {
            // What the last import of this item left, when it was of this very file.
            var last = file.Key is { } key && known.TryGetValue(key, out var state) && state.FileHash == SyncStateStore.Hash(file.Root)
                ? state
                : null;

            // ...over an item whose stamp has not moved since: nothing to do, and no need to load and serialise the item.
            if (last?.Stamp is not null && await handler.StampAsync(file, ct) == last.Stamp)
            {
                return Line(SyncChange.NoChange);
            }

            var current = await handler.CurrentAsync(file, ct);
            if (current is not null && UsyncXml.AreEqual(current, file.Root))
            {
                return Line(SyncChange.NoChange);
            }

            // ...over an item whose serialised state is the one it left: nothing to do, however the file is written.
            if (current is not null && last is { StateHash.Length: > 0 } && last.StateHash == SyncStateStore.Hash(current))
            {
                return Line(SyncChange.NoChange);
            }

            var change = current is null ? SyncChange.Create : SyncChange.Update;
            var details = current is null ? null : UsyncXml.Differences(current, file.Root);
            if (await handler.ParentProblemAsync(file, context, ct) is { } parentProblem)
            {
                return Line(SyncChange.ParentMissing, parentProblem);
            }

            if (await handler.FileProblemAsync(file, ct) is { } fileProblem)
            {
                return Line(SyncChange.Fail, fileProblem);
            }

            if (context.DryRun)
            {
                return Line(change, details: details);
            }

            var outcome = await InItemScopeAsync(handler, () => handler.ImportAsync(file, change, context, ct), o => o.Change != SyncChange.Fail);

            return Line(outcome.Change, outcome.Message, outcome.Change is SyncChange.Update ? details : null, outcome.Warnings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Line(SyncChange.Fail, ex.Message);
        }
    }

    private async Task<SyncReportLine> DeleteAsync(ISyncHandler handler, SyncFile marker, bool dryRun, CancellationToken ct)
    {
        SyncReportLine Line(SyncItemOutcome outcome) =>
            new(handler.Name, handler.ItemType, marker.Alias, marker.Key, outcome.Change, marker.RelativePath, outcome.Message);
        if (dryRun)
        {
            return Line(new SyncItemOutcome(SyncChange.Delete, "Would delete (if it exists)."));
        }

        try
        {
            return Line(await InItemScopeAsync(handler, () => handler.DeleteAsync(marker, ct), o => o.Change != SyncChange.Fail));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Line(SyncItemOutcome.Fail(ex.Message));
        }
    }

    private static List<SyncFile> LoadFiles(string root, ISyncHandler handler, List<SyncReportLine> lines)
    {
        var folder = Path.Combine(root, handler.Folder);
        var files = new List<SyncFile>();
        if (!Directory.Exists(folder))
        {
            return files;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.config", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            XElement element;
            try
            {
                element = XElement.Load(path);
            }
            catch (XmlException ex)
            {
                lines.Add(new SyncReportLine(handler.Name, handler.ItemType, Path.GetFileNameWithoutExtension(path), null, SyncChange.Fail, relative,
                    $"The file is not valid XML: {ex.Message}"));
                continue;
            }

            var rootName = element.Name.LocalName;
            var file = new SyncFile(path, relative, element);
            if (rootName != handler.ItemType && rootName != "Empty")
            {
                lines.Add(new SyncReportLine(handler.Name, rootName, file.Alias, file.Key, SyncChange.Fail, relative,
                    $"A <{rootName}> file does not belong in {handler.Folder}/ (expected <{handler.ItemType}>)."));
                continue;
            }

            if (file.Key is null && handler.ItemType is not ("Language" or "Domain"))
            {
                lines.Add(new SyncReportLine(handler.Name, rootName, file.Alias, null, SyncChange.Fail, relative, "The item has no valid Key attribute."));
                continue;
            }

            files.Add(file);
        }

        return files;
    }

    private static void CheckVersionStamp(string root, List<SyncReportLine> lines)
    {
        var stamp = Path.Combine(root, "usync.config");
        if (!File.Exists(stamp))
        {
            return;
        }

        try
        {
            var format = XElement.Load(stamp).Attribute("format")?.Value;
            if (format is not null && Version.TryParse(format, out var found) && found < Version.Parse(FormatVersion))
            {
                lines.Add(new SyncReportLine("uSync", "uSync", "usync.config", null, SyncChange.NoChange, "usync.config",
                    $"Files are in format {format}, older than {FormatVersion}; they are read as well as they can be."));
            }
        }
        catch (XmlException)
        {
            // The stamp is informational; a broken one does not stop an import.
        }
    }

    public async Task<SyncReport> ExportAsync(string? folder, SyncGroups groups, CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            var root = Path.GetFullPath(folder ?? DefaultFolder);
            var started = clock.GetUtcNow();
            Report(new SyncProgress("Export", true, null, 0, Handlers(groups).Count(), started));
            var lines = new List<SyncReportLine>();
            Directory.CreateDirectory(root);
            var stamp = new XElement("uSync", new XAttribute("version", VersionStamp), new XAttribute("format", FormatVersion));
            await WriteIfChangedAsync(Path.Combine(root, "usync.config"), stamp, ct);
            foreach (var handler in Handlers(groups))
            {
                await ExportHandlerAsync(root, handler, lines, ct);
                Advance(handler.Name);
            }

            var report = new SyncReport("Export", false, root, started, clock.GetUtcNow() - started, lines);
            LastReport = report;
            return report;
        }
        finally
        {
            Report(Progress with { Running = false });
            _oneAtATime.Release();
        }
    }

    private static async Task ExportHandlerAsync(string root, ISyncHandler handler, List<SyncReportLine> lines, CancellationToken ct)
    {
        var folder = Path.Combine(root, handler.Folder);
        Directory.CreateDirectory(folder);
        var onDisk = new Dictionary<Guid, string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.config", SearchOption.AllDirectories))
        {
            try
            {
                if (UsyncXml.ReadGuid(XElement.Load(path).Attribute("Key")?.Value) is { } key && XElement.Load(path).Name.LocalName != "Empty")
                {
                    onDisk[key] = path;
                }
            }
            catch (XmlException)
            {
                // A broken file is replaced if an item takes its name, and otherwise left for a person to look at.
            }
        }

        foreach (var (fileName, key, xml) in await handler.ExportAllAsync(ct))
        {
            var path = Path.Combine(folder, fileName);
            if (onDisk.TryGetValue(key, out var old) && !string.Equals(old, path, StringComparison.Ordinal))
            {
                // Renamed: leave a marker where the old file was, as uSync does, so a deployment does not resurrect it.
                await UsyncXml.WriteAsync(old, new XElement("Empty", new XAttribute("Key", key.ToString()), new XAttribute("Alias", xml.Attribute("Alias")?.Value ?? ""), new XAttribute("Change", "Rename")), ct);
            }

            var change = await WriteIfChangedAsync(path, xml, ct);
            lines.Add(new SyncReportLine(handler.Name, handler.ItemType, xml.Attribute("Alias")?.Value ?? fileName, key, change,
                Path.GetRelativePath(root, path).Replace('\\', '/')));
        }
    }

    private static async Task<SyncChange> WriteIfChangedAsync(string path, XElement xml, CancellationToken ct)
    {
        var bytes = UsyncXml.ToBytes(xml);
        if (File.Exists(path))
        {
            var existing = await File.ReadAllBytesAsync(path, ct);
            if (existing.AsSpan().SequenceEqual(bytes))
            {
                return SyncChange.NoChange;
            }

            await File.WriteAllBytesAsync(path, bytes, ct);
            return SyncChange.Update;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, ct);
        return SyncChange.Create;
    }
}
