using Microsoft.Data.Sqlite;

namespace Mahse.Tests.Infrastructure;

/// <summary>
/// Umbraco installed once per test run into a template SQLite database, which each site then starts from as a copy.
/// An unattended install costs about twice a plain start; a copy of a just-installed database is as fresh as a new
/// install (the same administrator and API users, no content, no first-boot import done), so a test class gets a
/// new database without paying for the install. The template is made by this test run's own build of the site, so
/// it cannot go stale.
/// </summary>
public static class TemplateDatabase
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "mahse-tests", "template-" + Guid.NewGuid().ToString("N"));
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    /// <summary>MAHSE_TEST_TEMPLATE=0 makes every site install itself, as before the template (to compare, or to rule it out).</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("MAHSE_TEST_TEMPLATE") != "0";

    /// <summary>Where Umbraco keeps its SQLite database under a content root (|DataDirectory| is umbraco/Data).</summary>
    public static string DataFolder(string contentRoot) => Path.Combine(contentRoot, "umbraco", "Data");

    /// <summary>Copies the template database (installing it first, once per run) into a new site's content root.</summary>
    public static async Task CopyToAsync(string contentRoot)
    {
        await Installed.Value;
        var target = DataFolder(contentRoot);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    private static async Task InstallAsync()
    {
        var site = new TemplateSite();
        await site.InitializeAsync();

        // A graceful stop, so SQLite has checkpointed its write-ahead log into the database file before it is copied.
        await site.StopAsync();
        Directory.CreateDirectory(Folder);
        foreach (var file in Directory.EnumerateFiles(DataFolder(site.ContentRoot), "Umbraco.sqlite.db*"))
        {
            File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        }

        await site.DisposeAsync();
        await ForgetTheInstallingServerAsync(Path.Combine(Folder, "Umbraco.sqlite.db"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        };
    }

    /// <summary>
    /// A new install knows no server but itself. The template's own registration would still look alive to a copy
    /// started minutes later, which would then elect itself a subscriber and skip what only the scheduling publisher
    /// does (Umbraco's member client credentials, scheduled publishing, …). So the copies forget it, and where it synced to.
    /// </summary>
    private static async Task ForgetTheInstallingServerAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM umbracoServer; DELETE FROM umbracoLastSynced;";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The install itself: nothing in the uSync folder and no first-boot import, so each copy still does its own.</summary>
    private sealed class TemplateSite : UmbracoSite
    {
        protected override bool StartsFromTemplate => false;

        protected override string? UsyncSource => null;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["uSync:Settings:ImportOnFirstBoot"] = "false",
            // Nor the survey's first-boot demo responses: each copy loads them on its own first boot, as a new site does.
            ["Mahse:Survey:SeedOnFirstBoot"] = "0",
        };
    }
}
