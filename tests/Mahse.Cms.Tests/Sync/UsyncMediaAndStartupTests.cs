using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Mahse.Cms.Sync;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Mahse.Cms.Tests.Infrastructure.ManagementApi;

namespace Mahse.Cms.Tests.Sync;

public sealed class ImportAtStartupHost : SqlitePortalHost
{
    public SyncReport? StartupReport { get; private set; }

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["uSync:Settings:ImportAtStartup"] = "Settings",
    };

    protected override string UsyncSource => Fixtures.MerchelloUsync;

    protected override void AfterStart() => StartupReport = Services.GetRequiredService<SyncService>().LastReport;
}

public sealed class UsyncMediaAndStartupTests(ImportAtStartupHost host) : IClassFixture<ImportAtStartupHost>
{
    [Fact]
    public void ImportAtStartup_Settings_imports_the_schema_but_not_the_content()
    {
        var report = host.StartupReport!;
        Assert.Contains(report.Lines, l => l.ItemType == "ContentType" && l.Alias == "website");
        Assert.DoesNotContain(report.Lines, l => l.ItemType == "Content");
        Assert.False(report.HasFailures);
    }

    [Fact]
    public async Task Media_items_export_in_umbracos_shape_and_import_back_unchanged()
    {
        var client = await host.ClientAsync();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAAAAAC4HznGAAAAC0lEQVR4nGNggAAAAAgAAbdYc5UAAAAASUVORK5CYII=");
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "File", "Workshop photo.png");
        var temp = await CreatedIdAsync(await client.PostAsync($"{Base}/temporary-file", form));
        var media = await CreatedIdAsync(await client.PostAsJsonAsync($"{Base}/media", new JsonObject
        {
            ["mediaType"] = new JsonObject { ["id"] = ImageMediaType.ToString() },
            ["variants"] = new JsonArray(new JsonObject { ["name"] = "Workshop photo" }),
            ["values"] = new JsonArray(new JsonObject { ["alias"] = "umbracoFile", ["value"] = new JsonObject { ["temporaryFileId"] = temp.ToString() } }),
        }));

        var sync = host.Services.GetRequiredService<SyncService>();
        var output = Path.Combine(host.ContentRoot, "media-export");
        await sync.ExportAsync(output, SyncGroups.All, CancellationToken.None);

        var xml = XElement.Load(Path.Combine(output, "Media", "workshop-photo.config"));
        Assert.Equal("Media", xml.Name.LocalName);
        Assert.Equal(media.ToString(), xml.Attribute("Key")!.Value);
        Assert.Null(xml.Element("Info")!.Element("Published"));
        Assert.StartsWith("{\"src\":\"/media/", xml.Element("Properties")!.Element("umbracoFile")!.Element("Value")!.Value);
        Assert.Equal("3", xml.Element("Properties")!.Element("umbracoWidth")!.Element("Value")!.Value);

        var again = await sync.ImportAsync(output, dryRun: false, SyncGroups.Content, CancellationToken.None);
        Assert.Equal(SyncChange.NoChange, again.Lines.Single(l => l.Key == media).Change);
    }
}
