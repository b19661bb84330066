using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Sync;

/// <summary>The MAHSE site with uSync's ExportOnSave on for everything: edits in the backoffice land in the uSync folder.</summary>
public sealed class ExportOnSaveSite : MahseSite
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["uSync:Settings:ExportOnSave"] = "All",
    };
}

/// <summary>
/// ExportOnSave on Umbraco's "-ed" notifications: a document saved and published, a member group created and deleted,
/// a document trashed and public access removed through the Management API each rewrite their file; an import does
/// not rewrite the files it reads.
/// </summary>
public sealed class ExportOnSaveTests(ExportOnSaveSite site) : IClassFixture<ExportOnSaveSite>
{
    private const string Api = "/umbraco/management/api/v1/";

    private SyncApi Sync => new(site);

    private static XElement Load(string text) => XElement.Parse(text.TrimStart('\uFEFF'));

    /// <summary>Export on save runs after the change commits; give the notification a moment to write the file.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Saving_and_publishing_a_roadmap_stage_rewrites_its_file_with_the_new_value()
    {
        var stage = site.Seed.Where(d => d.ContentType == "roadmapStage").OrderBy(d => d.Name).First();
        var file = Directory.EnumerateFiles(Path.Combine(site.UsyncFolder, "Content")).Single(f => Load(File.ReadAllText(f)).Attribute("Key")!.Value == stage.Key.ToString());
        using var admin = await site.ManagementClientAsync();
        var document = JsonDocument.Parse(await admin.GetStringAsync($"{Api}document/{stage.Key}")).RootElement;
        var values = document.GetProperty("values").EnumerateArray()
            .Select(v => new { alias = v.GetProperty("alias").GetString(), culture = (string?)null, segment = (string?)null, value = v.GetProperty("alias").GetString() == "title" ? (object?)"Understanding the problem, first" : v.GetProperty("value") })
            .ToList();

        using var response = await admin.PutAsJsonAsync($"{Api}document/{stage.Key}/update-and-publish", new
        {
            values,
            variants = new[] { new { culture = (string?)null, segment = (string?)null, name = stage.Name } },
            template = (object?)null,
            culturesToPublish = Array.Empty<string>(),
        });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

        var written = await EventuallyAsync(() => Load(File.ReadAllText(file)), x => x.Element("Properties")!.Element("title")!.Value.Contains("first"));
        Assert.Equal("Understanding the problem, first", written.Element("Properties")!.Element("title")!.Element("Value")!.Value);
        Assert.Equal(stage.Key.ToString(), written.Attribute("Key")!.Value);
        Assert.Equal("true", written.Element("Info")!.Element("Published")!.Attribute("Default")!.Value);
    }

    [Fact]
    public async Task A_member_group_created_and_deleted_in_the_backoffice_leaves_a_file_then_a_delete_marker()
    {
        using var admin = await site.ManagementClientAsync();
        var id = Guid.NewGuid();
        using var created = await admin.PostAsJsonAsync($"{Api}member-group", new { name = "Programme leads", id });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        const string file = "MemberGroups/programme-leads.config";
        var xml = await EventuallyAsync(() => Sync.Exists(file) ? Load(Sync.Read(file)) : null, x => x is not null);
        Assert.NotNull(xml);
        Assert.Equal("MemberGroup", xml.Name.LocalName);
        Assert.Equal(id.ToString(), xml.Attribute("Key")!.Value);

        using var deleted = await admin.DeleteAsync($"{Api}member-group/{id}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var marker = await EventuallyAsync(() => Load(Sync.Read(file)), x => x.Name.LocalName == "Empty");
        Assert.Equal("Empty", marker.Name.LocalName);
        Assert.Equal("Delete", marker.Attribute("Change")!.Value);
    }

    [Fact]
    public async Task A_trashed_document_leaves_a_delete_marker_at_level_100_plus_and_removed_protection_leaves_the_file()
    {
        var news = site.Seed.First(d => d.ContentType == "newsEvent");
        var newsFile = FileOf(news.Key);
        using var admin = await site.ManagementClientAsync();
        using var trashed = await admin.PutAsync($"{Api}document/{news.Key}/move-to-recycle-bin", null);
        Assert.True(trashed.IsSuccessStatusCode, await trashed.Content.ReadAsStringAsync());
        var marker = await EventuallyAsync(() => Load(File.ReadAllText(newsFile)), x => x.Name.LocalName == "Empty");
        Assert.Equal("Delete", marker.Attribute("Change")!.Value);
        Assert.True(int.Parse(marker.Attribute("Level")!.Value) > 100);

        var guidance = site.Seed.First(d => d.ContentType == "guidancePage");
        var guidanceFile = FileOf(guidance.Key);
        Assert.NotNull(Load(File.ReadAllText(guidanceFile)).Element("PublicAccess"));
        using var unprotected = await admin.DeleteAsync($"{Api}document/{guidance.Key}/public-access");
        Assert.True(unprotected.IsSuccessStatusCode, await unprotected.Content.ReadAsStringAsync());
        var rewritten = await EventuallyAsync(() => Load(File.ReadAllText(guidanceFile)), x => x.Element("PublicAccess") is null);
        Assert.Null(rewritten.Element("PublicAccess"));
        Assert.Equal(HttpStatusCode.OK, (await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/{guidance.Key}")).Status);
    }

    [Fact]
    public async Task An_import_does_not_rewrite_the_files_it_reads()
    {
        const string file = "Content/export-on-save-handwritten.config";
        var key = Guid.NewGuid();
        var handwritten = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Content Key="{key}" Alias="Handwritten" Level="2"><Info><Parent Key="c19ebcb9-653c-540d-a49c-2b41470f7a6d">MAHSE Research and Innovation</Parent><Trashed>false</Trashed><ContentType>contentPage</ContentType><NodeName Default="Handwritten" /><SortOrder>20</SortOrder><Published Default="true" /></Info>
            <Properties><title><Value><![CDATA[Written by hand]]></Value></title></Properties></Content>
            """;
        Sync.Write(file, handwritten);
        var before = File.ReadAllBytes(Path.Combine(site.UsyncFolder, file));

        var report = await Sync.ImportAsync();

        Assert.Equal("Create", SyncReportView.Change(report.LineFor(file)));
        await Task.Delay(1000);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(site.UsyncFolder, file)));
    }

    private string FileOf(Guid key) =>
        Directory.EnumerateFiles(Path.Combine(site.UsyncFolder, "Content")).Single(f => Load(File.ReadAllText(f)).Attribute("Key")?.Value == key.ToString());
}
