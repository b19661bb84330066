using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Sync;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Sync;

/// <summary>The Merchello uSync 17.0.2 export goes in and comes back out byte for byte, on each database.</summary>
public abstract class UsyncRoundTripTests(PortalHost host)
{
    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Fixtures.MerchelloUsync, "*.config", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetRelativePath(Fixtures.MerchelloUsync, file));
        }

        return data;
    }

    private SyncService Sync => host.Services.GetRequiredService<SyncService>();

    private async Task<string> ImportAndExportAsync()
    {
        var import = await Sync.ImportAsync(Fixtures.MerchelloUsync, dryRun: false, SyncGroups.All, CancellationToken.None);
        Assert.False(import.HasFailures, string.Join("\n", import.Lines.Where(l => !l.Success).Select(l => $"{l.File}: {l.Message}")));
        Assert.All(import.Lines, l => Assert.Empty(l.Warnings ?? []));
        var output = Path.Combine(host.ContentRoot, "export");
        await Sync.ExportAsync(output, SyncGroups.All, CancellationToken.None);
        return output;
    }

    [SkippableTheory]
    [MemberData(nameof(FixtureFiles))]
    public async Task Every_fixture_file_exports_byte_for_byte_after_import(string relativePath)
    {
        host.SkipIfUnavailable();
        var output = await ImportAndExportAsync();

        var expected = await File.ReadAllBytesAsync(Path.Combine(Fixtures.MerchelloUsync, relativePath));
        var actual = await File.ReadAllBytesAsync(Path.Combine(output, relativePath));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
    }

    [SkippableFact]
    public async Task A_second_import_of_the_same_folder_changes_nothing()
    {
        host.SkipIfUnavailable();
        await ImportAndExportAsync();

        var again = await Sync.ImportAsync(Fixtures.MerchelloUsync, dryRun: false, SyncGroups.All, CancellationToken.None);

        Assert.Equal(17, again.Lines.Count);
        Assert.All(again.Lines, l => Assert.Equal(SyncChange.NoChange, l.Change));
    }

    [SkippableFact]
    public async Task Imported_content_is_published_with_its_picker_and_template()
    {
        host.SkipIfUnavailable();
        await ImportAndExportAsync();
        var cache = host.Services.GetRequiredService<PublishedContentCache>();

        var root = cache.Get(Guid.Parse("7c681bab-458a-4a66-a36c-52af5ad31fae"))!;
        Assert.Equal("umb://document/4ce4ef954e754accac34fcaaa24e5af3", root.Properties["umbracoInternalRedirectId"]!.GetValue<string>());
        Assert.Equal("/bags-totes/", cache.Get(Guid.Parse("e15468d9-1d6a-4194-a798-0e11970e0c03"))!.Route);
        Assert.Equal(new DateTime(2026, 2, 9, 9, 38, 9, DateTimeKind.Utc), root.CreateDate);
    }
}

public sealed class UsyncRoundTripTestsOnSqlite(SqlitePortalHost host) : UsyncRoundTripTests(host), IClassFixture<SqlitePortalHost>;

[Trait("Database", "PostgreSQL")]
public sealed class UsyncRoundTripTestsOnPostgres(PostgresPortalHost host) : UsyncRoundTripTests(host), IClassFixture<PostgresPortalHost>;
