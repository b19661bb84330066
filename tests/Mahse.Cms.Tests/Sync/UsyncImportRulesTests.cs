using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Mahse.Cms.Content;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Mahse.Cms.Sync;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Sync;

/// <summary>uSync's import rules and bad input: each problem is one report line, the rest goes on, nothing stored is damaged.</summary>
public sealed class UsyncImportRulesTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    private static readonly Guid BagsTotes = Guid.Parse("e15468d9-1d6a-4194-a798-0e11970e0c03");
    private SyncService Sync => host.Services.GetRequiredService<SyncService>();

    private static void Write(string folder, string relative, string xml) =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, relative))!).FullName, Path.GetFileName(relative)),
            xml, UsyncXml.Utf8WithBom);

    private static string ContentType(Guid key, string alias, string compositionXml = "", string propertiesXml = "") => $"""
        <ContentType Key="{key}" Alias="{alias}" Level="1">
          <Info><Name>{alias}</Name><Icon>icon-document</Icon><AllowAtRoot>True</AllowAtRoot><IsElement>false</IsElement><Compositions>{compositionXml}</Compositions></Info>
          <Structure /><GenericProperties>{propertiesXml}</GenericProperties>
          <Tabs><Tab><Key>{Guid.NewGuid()}</Key><Caption>Content</Caption><Alias>content</Alias><Type>Group</Type><SortOrder>0</SortOrder></Tab></Tabs>
        </ContentType>
        """;

    private static string Content(Guid key, string name, string type, Guid parent, int level = 1, string properties = "") => $"""
        <Content Key="{key}" Alias="{name}" Level="{level}">
          <Info><Parent Key="{parent}"></Parent><Path>/{name}</Path><Trashed>false</Trashed><ContentType>{type}</ContentType>
          <CreateDate>2026-03-01T10:00:00</CreateDate><NodeName Default="{name}" /><SortOrder>0</SortOrder><Published Default="true" /><Schedule /><Template /></Info>
          <Properties>{properties}</Properties>
        </Content>
        """;

    private async Task<SyncReport> ImportAsync(string folder, bool dryRun = false) =>
        await Sync.ImportAsync(folder, dryRun, SyncGroups.All, CancellationToken.None);

    private static SyncReportLine LineFor(SyncReport report, string file) =>
        report.Lines.Single(l => l.File is not null && l.File.EndsWith(file, StringComparison.Ordinal));

    [Fact]
    public async Task Broken_xml_unknown_editor_and_unknown_content_type_fail_their_own_lines_and_the_rest_goes_on()
    {
        var folder = Fixtures.CopyToTemp(Fixtures.MerchelloUsync);
        Write(folder, "ContentTypes/broken.config", "<ContentType Key=\"oops\"><Info>");
        Write(folder, "DataTypes/Acme.config", $"""<DataType Key="{Guid.NewGuid()}" Alias="Acme picker" Level="1"><Info><Name>Acme picker</Name><EditorAlias>Acme.Picker</EditorAlias><EditorUIAlias>Acme.Ui</EditorUIAlias></Info><Config><![CDATA[{"{}"}]]></Config></DataType>""");
        Write(folder, "Content/orphan-type.config", Content(Guid.NewGuid(), "Orphan type", "noSuchType", Guid.Empty));

        var report = await ImportAsync(folder);

        Assert.Contains("not valid XML", LineFor(report, "ContentTypes/broken.config").Message);
        Assert.Equal(SyncChange.Fail, LineFor(report, "DataTypes/Acme.config").Change);
        Assert.Contains("Acme.Picker is not installed", LineFor(report, "DataTypes/Acme.config").Message);
        Assert.Contains("'noSuchType' does not exist", LineFor(report, "Content/orphan-type.config").Message);
        Assert.Equal(3, report.Lines.Count(l => l.Change == SyncChange.Fail));
        Assert.True(LineFor(report, "Content/bags-totes.config").Success);
        Assert.NotNull(await host.Services.GetRequiredService<ContentEditingService>().GetAsync(BagsTotes, ContentNodeKind.Document, CancellationToken.None));
    }

    [Fact]
    public async Task A_property_whose_data_type_is_missing_is_skipped_with_a_warning()
    {
        var folder = Path.Combine(host.ContentRoot, "missing-dt");
        var key = Guid.NewGuid();
        Write(folder, "ContentTypes/page.config", ContentType(key, "pageWithGap", propertiesXml: $"""
            <GenericProperty><Key>{Guid.NewGuid()}</Key><Name>Title</Name><Alias>title</Alias><Definition>0cc0eba1-9960-42c9-bf9b-60e150b429ae</Definition><Type>Umbraco.TextBox</Type><Mandatory>false</Mandatory><Validation></Validation><Description><![CDATA[]]></Description><SortOrder>0</SortOrder><Tab Alias="content">Content</Tab><Variations>Nothing</Variations><MandatoryMessage></MandatoryMessage><ValidationRegExpMessage></ValidationRegExpMessage><LabelOnTop>false</LabelOnTop></GenericProperty>
            <GenericProperty><Key>{Guid.NewGuid()}</Key><Name>Gap</Name><Alias>gap</Alias><Definition>{Guid.NewGuid()}</Definition><Type>Acme.Nothing</Type><Mandatory>false</Mandatory><Validation></Validation><Description><![CDATA[]]></Description><SortOrder>1</SortOrder><Tab Alias="content">Content</Tab><Variations>Nothing</Variations><MandatoryMessage></MandatoryMessage><ValidationRegExpMessage></ValidationRegExpMessage><LabelOnTop>false</LabelOnTop></GenericProperty>
            """));
        Write(folder, "Content/gappy.config", Content(Guid.NewGuid(), "Gappy", "pageWithGap", Guid.Empty,
            properties: "<gap><Value><![CDATA[lost]]></Value></gap><title><Value><![CDATA[Kept]]></Value></title>"));

        var report = await ImportAsync(folder);

        var typeLine = LineFor(report, "ContentTypes/page.config");
        Assert.Equal(SyncChange.Create, typeLine.Change);
        Assert.Contains(typeLine.Warnings!, w => w.Contains("'gap'") && w.Contains("missing DataType"));
        var contentLine = LineFor(report, "Content/gappy.config");
        Assert.Equal(SyncChange.Create, contentLine.Change);
        Assert.Contains(contentLine.Warnings!, w => w.Contains("'gap'"));
        var type = await host.Services.GetRequiredService<ContentTypeService>().GetAsync(key, CancellationToken.None);
        Assert.Equal(["title"], type!.Properties.Select(p => p.Alias));
    }

    [Fact]
    public async Task A_missing_parent_is_ParentMissing_and_a_parent_later_in_the_batch_is_not()
    {
        var folder = Path.Combine(host.ContentRoot, "parents");
        var typeKey = Guid.NewGuid();
        Write(folder, "ContentTypes/folderPage.config", ContentType(typeKey, "folderPage").Replace("<Structure />", $"""<Structure><ContentType Key="{typeKey}" SortOrder="0">folderPage</ContentType></Structure>"""));
        var parent = Guid.NewGuid();
        Write(folder, "Content/a-child.config", Content(Guid.NewGuid(), "Child", "folderPage", parent, level: 2));
        Write(folder, "Content/z-parent.config", Content(parent, "Parent", "folderPage", Guid.Empty));
        Write(folder, "Content/lost.config", Content(Guid.NewGuid(), "Lost", "folderPage", Guid.NewGuid(), level: 2));

        var report = await ImportAsync(folder);

        Assert.Equal(SyncChange.Create, LineFor(report, "Content/a-child.config").Change);
        var lost = LineFor(report, "Content/lost.config");
        Assert.Equal(SyncChange.ParentMissing, lost.Change);
        Assert.Contains("neither in the database nor in this import", lost.Message);
    }

    [Fact]
    public async Task A_composition_cycle_fails_in_the_second_pass_naming_the_file()
    {
        var folder = Path.Combine(host.ContentRoot, "cycle");
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        Write(folder, "ContentTypes/cycle-a.config", ContentType(a, "cycleA", $"""<Composition Key="{b}">cycleB</Composition>"""));
        Write(folder, "ContentTypes/cycle-b.config", ContentType(b, "cycleB", $"""<Composition Key="{a}">cycleA</Composition>"""));

        var report = await ImportAsync(folder);

        var failed = report.Lines.Where(l => l.Change == SyncChange.Fail).ToList();
        Assert.Single(failed);
        Assert.Contains("InvalidInheritance", failed[0].Message);
        Assert.StartsWith("ContentTypes/cycle-", failed[0].File);
    }

    [Fact]
    public async Task Two_files_with_the_same_key_stop_the_import_before_anything_changes()
    {
        var folder = Path.Combine(host.ContentRoot, "duplicates");
        var key = Guid.NewGuid();
        Write(folder, "ContentTypes/one.config", ContentType(key, "dupOne"));
        Write(folder, "ContentTypes/two.config", ContentType(key, "dupTwo"));
        var other = Guid.NewGuid();
        Write(folder, "ContentTypes/other.config", ContentType(other, "notImported"));

        var report = await ImportAsync(folder);

        var line = Assert.Single(report.Lines);
        Assert.Equal(SyncChange.Fail, line.Change);
        Assert.Contains($"Duplicate: Item key {key}", line.Message);
        Assert.Null(await host.Services.GetRequiredService<ContentTypeService>().GetAsync(other, CancellationToken.None));
    }

    [Fact]
    public async Task Hand_written_files_imported_twice_are_NoChange_the_second_time()
    {
        var folder = Path.Combine(host.ContentRoot, "hand-written");
        var typeKey = Guid.NewGuid();
        Write(folder, "ContentTypes/note.config", ContentType(typeKey, "handNote", propertiesXml: $"""
            <GenericProperty><Key>{Guid.NewGuid()}</Key><Name>Title</Name><Alias>title</Alias><Definition>0cc0eba1-9960-42c9-bf9b-60e150b429ae</Definition><Type>Umbraco.TextBox</Type><Mandatory>false</Mandatory><Validation></Validation><Description><![CDATA[]]></Description><SortOrder>0</SortOrder><Tab Alias="content">Content</Tab><Variations>Nothing</Variations><MandatoryMessage></MandatoryMessage><ValidationRegExpMessage></ValidationRegExpMessage><LabelOnTop>false</LabelOnTop></GenericProperty>
            """));
        Write(folder, "Content/note.config", Content(Guid.NewGuid(), "A note", "handNote", Guid.Empty, properties: "<title><Value><![CDATA[Written by hand]]></Value></title>"));

        var first = await ImportAsync(folder);
        Assert.All(first.Lines, l => Assert.Equal(SyncChange.Create, l.Change));
        var second = await ImportAsync(folder);

        Assert.All(second.Lines, l => Assert.Equal(SyncChange.NoChange, l.Change));

        // An editor's change since the last import is not NoChange: the file wins again.
        var editing = host.Services.GetRequiredService<ContentEditingService>();
        var noteKey = first.Lines.Single(l => l.ItemType == "Content").Key!.Value;
        await editing.UpdateAsync(noteKey, ContentNodeKind.Document, new ContentUpdateModel("A note", new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["title"] = "Edited" }), null, null, CancellationToken.None);
        var third = await ImportAsync(folder);
        Assert.Equal(SyncChange.Update, third.Lines.Single(l => l.ItemType == "Content").Change);
    }

    [Fact]
    public async Task A_dry_run_reports_changes_and_changes_nothing()
    {
        var folder = Path.Combine(host.ContentRoot, "dry");
        var key = Guid.NewGuid();
        Write(folder, "ContentTypes/dry.config", ContentType(key, "dryRunOnly"));

        var report = await ImportAsync(folder, dryRun: true);

        Assert.True(report.DryRun);
        Assert.Equal(SyncChange.Create, LineFor(report, "ContentTypes/dry.config").Change);
        Assert.Null(await host.Services.GetRequiredService<ContentTypeService>().GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_markers_delete_rename_markers_are_ignored_and_updates_list_the_changed_fields()
    {
        await ImportAsync(Fixtures.MerchelloUsync);
        var folder = Fixtures.CopyToTemp(Fixtures.MerchelloUsync);
        Write(folder, "Content/bags-totes.config", $"""<Empty Key="{BagsTotes}" Alias="Bags &amp; Totes" Change="Delete" Level="2" />""");
        Write(folder, "Content/old-name.config", $"""<Empty Key="{Guid.NewGuid()}" Alias="Old name" Change="Rename" Level="2" />""");
        var home = Path.Combine(folder, "Content", "home.config");
        File.WriteAllText(home, File.ReadAllText(home).Replace("<NodeName Default=\"Home\" />", "<NodeName Default=\"Home page\" />"), UsyncXml.Utf8WithBom);

        var report = await ImportAsync(folder);

        var delete = report.Lines.Single(l => l.Key == BagsTotes);
        Assert.Equal(SyncChange.Delete, delete.Change);
        Assert.DoesNotContain(report.Lines, l => l.File == "Content/old-name.config");
        var update = LineFor(report, "Content/home.config");
        Assert.Equal(SyncChange.Update, update.Change);
        Assert.Contains(update.Details!, d => d.Name.Contains("NodeName") && d.NewValue == "Home page");
        Assert.True((await host.Services.GetRequiredService<ContentEditingService>().GetAsync(BagsTotes, ContentNodeKind.Document, CancellationToken.None))!.Trashed);
    }

    [Fact]
    public async Task Languages_dictionary_and_domains_round_trip_with_usyncs_deterministic_keys()
    {
        Assert.Equal(Guid.Parse("eec79294-0000-0000-0000-000000000000"), UsyncKeys.For("en-US"));
        Assert.Equal(Guid.Parse("5e8dc56b-0000-0000-0000-000000000000"), UsyncKeys.For("en-GB"));
        Assert.Equal(Guid.Parse("86a08cf0-0000-0000-0000-000000000000"), UsyncKeys.For("cy-GB"));
        Assert.Equal(Guid.Parse("2d50f1b9-0000-0000-0000-000000000000"), UsyncKeys.For("www.example.org"));

        await ImportAsync(Fixtures.MerchelloUsync);
        var folder = Path.Combine(host.ContentRoot, "settings-items");
        Write(folder, "Languages/en-gb.config", """<Language Key="5e8dc56b-0000-0000-0000-000000000000" Alias="en-GB" Level="0"><Name>English (United Kingdom)</Name><IsoCode>en-GB</IsoCode><IsMandatory>false</IsMandatory><IsDefault>true</IsDefault></Language>""");
        Write(folder, "Dictionary/apply.config", $"""<Dictionary Key="{Guid.NewGuid()}" Alias="Fellowship_Apply_Button" Level="0"><Info /><Translations><Translation Language="en-GB">Apply</Translation></Translations></Dictionary>""");
        Write(folder, "Domains/www.example.org_en-gb.config", """<Domain Key="2d50f1b9-0000-0000-0000-000000000000" Alias="www.example.org"><Info><IsWildcard>false</IsWildcard><Language>en-GB</Language><Root Key="7c681bab-458a-4a66-a36c-52af5ad31fae">/Merchello</Root></Info></Domain>""");

        var first = await ImportAsync(folder);
        Assert.All(first.Lines, l => Assert.Equal(SyncChange.Create, l.Change));
        var second = await ImportAsync(folder);
        Assert.All(second.Lines, l => Assert.Equal(SyncChange.NoChange, l.Change));

        var output = Path.Combine(host.ContentRoot, "settings-export");
        await Sync.ExportAsync(output, SyncGroups.All, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(output, "Languages", "en-gb.config")));
        Assert.Contains("<Translation Language=\"en-GB\">Apply</Translation>", await File.ReadAllTextAsync(Path.Combine(output, "Dictionary", "fellowship_apply_button.config")));
        Assert.Contains("Key=\"2d50f1b9-0000-0000-0000-000000000000\"", await File.ReadAllTextAsync(Path.Combine(output, "Domains", "wwwexample.org_en-gb.config")));
    }

    [Fact]
    public async Task The_management_api_imports_exports_and_keeps_the_last_report_for_administrators_only()
    {
        var admin = await host.ClientAsync();
        var editor = await host.ClientAsync("Editors");

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsJsonAsync("/umbraco/management/api/v1/usync/import", new { dryRun = true })).StatusCode);
        var response = await admin.PostAsJsonAsync("/umbraco/management/api/v1/usync/import", new { dryRun = true, group = "Settings" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.Equal("Report", report.GetProperty("action").GetString());

        var last = await admin.GetFromJsonAsync<JsonElement>("/umbraco/management/api/v1/usync/report");
        Assert.Equal("Report", last.GetProperty("action").GetString());
        var bad = await admin.PostAsJsonAsync("/umbraco/management/api/v1/usync/import", new { group = "Everything" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
