using System.Diagnostics;
using System.Net;
using Mahse.Tests.Infrastructure;
using static Mahse.Tests.Infrastructure.SyncReportView;

namespace Mahse.Tests.Sync;

/// <summary>
/// uSync's import rules and bad input, through the Management API on the MAHSE site: each problem is one report line,
/// the rest of the folder goes on, and nothing already stored is damaged or half-written.
/// </summary>
public sealed class SyncImportRulesTests(MahseSite site) : IClassFixture<MahseSite>, IDisposable
{
    private readonly List<string> _written = [];

    private const string Textstring = "0cc0eba1-9960-42c9-bf9b-60e150b429ae";
    private static readonly Guid SiteRoot = Guid.Parse("c19ebcb9-653c-540d-a49c-2b41470f7a6d");

    private SyncApi Sync => new(site);

    /// <summary>Writes a file for this test only: it is removed afterwards, so the next test's import does not see it.</summary>
    private void Write(string file, string xml)
    {
        _written.Add(file);
        Sync.Write(file, xml);
    }

    private static void AssertChange(string expected, System.Text.Json.JsonElement line) =>
        Assert.True(Change(line) == expected, $"expected {expected}: {Describe(line)}");

    public void Dispose()
    {
        foreach (var file in _written.Where(Sync.Exists))
        {
            Sync.Delete(file);
        }
    }

    private static string ContentType(Guid key, string alias, string compositions = "", string properties = "", string structure = "", bool allowAtRoot = true) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <ContentType Key="{key}" Alias="{alias}" Level="1">
          <Info><Name>{alias}</Name><Icon>icon-document</Icon><AllowAtRoot>{allowAtRoot}</AllowAtRoot><IsElement>false</IsElement><Compositions>{compositions}</Compositions></Info>
          <Structure>{structure}</Structure>
          <GenericProperties>{properties}</GenericProperties>
          <Tabs><Tab><Key>{Guid.NewGuid()}</Key><Caption>Content</Caption><Alias>content</Alias><Type>Group</Type><SortOrder>0</SortOrder></Tab></Tabs>
        </ContentType>
        """;

    private static string Property(string alias, string definition = Textstring, string editor = "Umbraco.TextBox", bool mandatory = false) => $"""
        <GenericProperty><Key>{Guid.NewGuid()}</Key><Name>{alias}</Name><Alias>{alias}</Alias><Definition>{definition}</Definition><Type>{editor}</Type><Mandatory>{mandatory.ToString().ToLowerInvariant()}</Mandatory><Validation></Validation><Description><![CDATA[]]></Description><SortOrder>0</SortOrder><Tab Alias="content">Content</Tab><Variations>Nothing</Variations><MandatoryMessage></MandatoryMessage><ValidationRegExpMessage></ValidationRegExpMessage><LabelOnTop>false</LabelOnTop></GenericProperty>
        """;

    /// <summary>A page under the site's root with only a title.</summary>
    private static string TitledPage(Guid key, string name, string title) =>
        Content(key, name, "contentPage", SiteRoot, level: 2, properties: $"<title><Value><![CDATA[{title}]]></Value></title>");

    /// <summary>The page's file with public access for registered members, through the site's sign-in and no-access pages.</summary>
    private string MembersOnly(string pageFile) => pageFile.Replace("</Content>",
        $"""<PublicAccess LoginPage="{site.Document("Sign in").Key}" ErrorPage="{site.Document("No access").Key}"><MemberGroup>Registered members</MemberGroup></PublicAccess></Content>""");

    private async Task<string?> PublishedTitleAsync(Guid page) =>
        (await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/{page}")).Body.GetProperty("properties").GetProperty("title").GetString();

    private static string Content(Guid key, string name, string type, Guid parent, int level = 1, string properties = "", bool published = true) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <Content Key="{key}" Alias="{name}" Level="{level}">
          <Info><Parent Key="{parent}"></Parent><Path>/{name}</Path><Trashed>false</Trashed><ContentType>{type}</ContentType>
          <CreateDate>2026-03-01T10:00:00</CreateDate><NodeName Default="{name}" /><SortOrder>0</SortOrder><Published Default="{published.ToString().ToLowerInvariant()}" /><Schedule /><Template /></Info>
          <Properties>{properties}</Properties>
        </Content>
        """;

    private async Task<HttpStatusCode> DeliveryStatusAsync(Guid key) => (await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/{key}")).Status;

    [Fact]
    public async Task Broken_xml_an_unknown_editor_and_an_unknown_type_fail_their_own_lines_and_nothing_else_changes()
    {
        var orphan = Guid.NewGuid();
        Write("ContentTypes/rules-broken.config", "<ContentType Key=\"oops\"><Info>");
        Write("DataTypes/RulesAcme.config", $"""<?xml version="1.0" encoding="utf-8"?><DataType Key="{Guid.NewGuid()}" Alias="Rules acme" Level="1"><Info><Name>Rules acme</Name><EditorAlias>Acme.Picker</EditorAlias><EditorUIAlias>Acme.Ui</EditorUIAlias></Info><Config><![CDATA[{"{}"}]]></Config></DataType>""");
        Write("DataTypes/RulesBadConfig.config", $$"""<?xml version="1.0" encoding="utf-8"?><DataType Key="{{Guid.NewGuid()}}" Alias="Rules bad config" Level="1"><Info><Name>Rules bad config</Name><EditorAlias>Umbraco.TextBox</EditorAlias><EditorUIAlias>Umb.PropertyEditorUi.TextBox</EditorUIAlias></Info><Config><![CDATA[{"maxChars": ]]></Config></DataType>""");
        Write("Content/rules-orphan-type.config", Content(orphan, "Rules orphan type", "noSuchType", SiteRoot, level: 2));
        Write("ContentTypes/rules-misplaced.config", $"""<?xml version="1.0" encoding="utf-8"?><DataType Key="{Guid.NewGuid()}" Alias="Misplaced" Level="1"><Info><Name>Misplaced</Name></Info></DataType>""");

        var report = await Sync.ImportAsync();

        Assert.Contains("not valid XML", Message(report.LineFor("ContentTypes/rules-broken.config")));
        Assert.Contains("Acme.Picker is not installed", Message(report.LineFor("DataTypes/RulesAcme.config")));
        Assert.Contains("not valid JSON", Message(report.LineFor("DataTypes/RulesBadConfig.config")));
        Assert.Contains("'noSuchType' does not exist", Message(report.LineFor("Content/rules-orphan-type.config")));
        Assert.Contains("does not belong in ContentTypes/", Message(report.LineFor("ContentTypes/rules-misplaced.config")));
        Assert.Equal(5, report.Total("fail"));

        // Everything else in the folder, the MAHSE site, was already there and is unchanged.
        var mahse = report.Lines.Where(l => !_written.Any(w => l.GetProperty("file").GetString()!.EndsWith(w, StringComparison.Ordinal))).ToList();
        Assert.All(mahse, line => Assert.True(Change(line) == "NoChange", Describe(line)));
        Assert.Equal(HttpStatusCode.NotFound, await DeliveryStatusAsync(orphan));
        Assert.Equal(HttpStatusCode.OK, await DeliveryStatusAsync(SiteRoot));
    }

    [Fact]
    public async Task A_property_whose_data_type_is_missing_is_left_out_with_a_warning_and_its_value_dropped_with_one()
    {
        var typeKey = Guid.NewGuid();
        var page = Guid.NewGuid();
        Write("ContentTypes/rulesgappy.config", ContentType(typeKey, "rulesGappy",
            properties: Property("title") + Property("gap", definition: Guid.NewGuid().ToString(), editor: "Acme.Nothing")));
        Write("Content/rules-gappy.config", Content(page, "Rules gappy", "rulesGappy", Guid.Empty,
            properties: "<gap><Value><![CDATA[lost]]></Value></gap><title><Value><![CDATA[Kept]]></Value></title>"));

        var report = await Sync.ImportAsync();

        var typeLine = report.LineFor("ContentTypes/rulesgappy.config");
        AssertChange("Create", typeLine);
        Assert.Contains(Warnings(typeLine), w => w.Contains("'gap'") && w.Contains("missing DataType"));
        var contentLine = report.LineFor("Content/rules-gappy.config");
        AssertChange("Create", contentLine);
        Assert.Contains(Warnings(contentLine), w => w.Contains("'gap'"));
        var (status, item) = await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/{page}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Kept", item.GetProperty("properties").GetProperty("title").GetString());
        Assert.False(item.GetProperty("properties").TryGetProperty("gap", out _));
    }

    [Fact]
    public async Task A_missing_parent_is_ParentMissing_and_a_parent_later_in_the_batch_is_not()
    {
        var typeKey = Guid.NewGuid();
        Write("ContentTypes/rulesfolder.config", ContentType(typeKey, "rulesFolder", structure: $"""<ContentType Key="{typeKey}" SortOrder="0">rulesFolder</ContentType>"""));
        var parent = Guid.NewGuid();
        var child = Guid.NewGuid();
        var lost = Guid.NewGuid();
        Write("Content/a-rules-child.config", Content(child, "Rules child", "rulesFolder", parent, level: 2));
        Write("Content/z-rules-parent.config", Content(parent, "Rules parent", "rulesFolder", Guid.Empty));
        Write("Content/rules-lost.config", Content(lost, "Rules lost", "rulesFolder", Guid.NewGuid(), level: 2));

        var report = await Sync.ImportAsync();

        AssertChange("Create", report.LineFor("Content/a-rules-child.config"));
        var lostLine = report.LineFor("Content/rules-lost.config");
        AssertChange("ParentMissing", lostLine);
        Assert.Contains("neither in the database nor in this import", Message(lostLine));
        Assert.Equal(HttpStatusCode.OK, await DeliveryStatusAsync(child));
        Assert.Equal(HttpStatusCode.NotFound, await DeliveryStatusAsync(lost));
    }

    [Fact]
    public async Task A_composition_cycle_fails_in_the_second_pass_and_leaves_the_types_as_pass_one_made_them()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        Write("ContentTypes/rulescyclea.config", ContentType(a, "rulesCycleA", $"""<Composition Key="{b}">rulesCycleB</Composition>""", Property("cycleA")));
        Write("ContentTypes/rulescycleb.config", ContentType(b, "rulesCycleB", $"""<Composition Key="{a}">rulesCycleA</Composition>""", Property("cycleB")));

        var report = await Sync.ImportAsync();

        var lines = new[] { report.LineFor("ContentTypes/rulescyclea.config"), report.LineFor("ContentTypes/rulescycleb.config") };
        Assert.Contains(lines, l => Change(l) == "Fail" && Message(l).StartsWith("Second Pass Fail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_files_with_one_key_stop_the_import_before_anything_changes()
    {
        var key = Guid.NewGuid();
        Write("ContentTypes/rulesdup1.config", ContentType(key, "rulesDupOne"));
        Write("ContentTypes/rulesdup2.config", ContentType(key, "rulesDupTwo"));
        var page = Guid.NewGuid();
        Write("Content/rules-dup-page.config", TitledPage(page, "Rules dup page", "Dup"));

        var report = await Sync.ImportAsync();

        var line = Assert.Single(report.Lines);
        AssertChange("Fail", line);
        Assert.Contains($"Duplicate: Item key {key} already exists", Message(line));
        Assert.Equal(HttpStatusCode.NotFound, await DeliveryStatusAsync(page));
    }

    [Fact]
    public async Task A_document_that_cannot_be_published_as_its_file_asks_is_not_left_behind_as_a_draft()
    {
        var typeKey = Guid.NewGuid();
        var page = Guid.NewGuid();
        Write("ContentTypes/rulesstrict.config", ContentType(typeKey, "rulesStrict", properties: Property("mustHave", mandatory: true)));
        Write("Content/rules-strict.config", Content(page, "Rules strict", "rulesStrict", Guid.Empty, properties: "<mustHave><Value><![CDATA[]]></Value></mustHave>"));

        var report = await Sync.ImportAsync();

        var line = report.LineFor("Content/rules-strict.config");
        AssertChange("Fail", line);
        Assert.Contains("Could not publish", Message(line));
        using var admin = await site.ManagementClientAsync();
        using var stored = await admin.GetAsync($"/umbraco/management/api/v1/document/{page}");
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);

        // Fixed file, next import: it goes in.
        Write("Content/rules-strict.config", Content(page, "Rules strict", "rulesStrict", Guid.Empty, properties: "<mustHave><Value><![CDATA[here]]></Value></mustHave>"));
        AssertChange("Create", (await Sync.ImportAsync()).LineFor("Content/rules-strict.config"));
        Assert.Equal(HttpStatusCode.OK, await DeliveryStatusAsync(page));
    }

    [Fact]
    public async Task A_dry_run_reports_an_update_with_its_field_changes_and_changes_nothing_until_the_import()
    {
        const string file = "Content/rules-dry.config";
        var page = Guid.NewGuid();
        Write(file, TitledPage(page, "Rules dry", "Before"));
        AssertChange("Create", (await Sync.ImportAsync()).LineFor(file));
        Write(file, TitledPage(page, "Rules dry", "After"));

        var dryRun = await Sync.ImportAsync(dryRun: true);

        var line = dryRun.LineFor(file);
        AssertChange("Update", line);
        var detail = Assert.Single(line.GetProperty("details").EnumerateArray(), d => d.GetProperty("name").GetString()!.Contains("title"));
        Assert.Equal("Before", detail.GetProperty("oldValue").GetString());
        Assert.Equal("After", detail.GetProperty("newValue").GetString());
        Assert.Equal("Before", await PublishedTitleAsync(page));

        AssertChange("Update", (await Sync.ImportAsync()).LineFor(file));
        Assert.Equal("After", await PublishedTitleAsync(page));
    }

    [Fact]
    public async Task A_delete_marker_moves_the_document_to_the_recycle_bin()
    {
        const string file = "Content/rules-doomed.config";
        var page = Guid.NewGuid();
        Write(file, TitledPage(page, "Rules doomed", "Doomed"));
        AssertChange("Create", (await Sync.ImportAsync()).LineFor(file));
        Assert.Equal(HttpStatusCode.OK, await DeliveryStatusAsync(page));

        Write(file, $"""<?xml version="1.0" encoding="utf-8"?><Empty Key="{page}" Alias="Rules doomed" Change="Delete" Level="102" />""");
        var report = await Sync.ImportAsync();

        AssertChange("Delete", report.LineFor(file));
        Assert.Equal(HttpStatusCode.NotFound, await DeliveryStatusAsync(page));
        using var admin = await site.ManagementClientAsync();
        var document = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync($"/umbraco/management/api/v1/document/{page}")).RootElement;
        Assert.True(document.GetProperty("isTrashed").GetBoolean());

        AssertChange("NoChange", (await Sync.ImportAsync()).LineFor(file));
    }

    [Fact]
    public async Task An_item_changed_in_the_backoffice_since_its_import_is_set_back_to_its_file_by_the_next_import()
    {
        const string file = "Content/rules-edited.config";
        var page = Guid.NewGuid();
        Write(file, TitledPage(page, "Rules edited", "From the file"));
        AssertChange("Create", (await Sync.ImportAsync()).LineFor(file));
        AssertChange("NoChange", (await Sync.ImportAsync()).LineFor(file));

        using (var admin = await site.ManagementClientAsync())
        {
            await Documents.UpdateAsync(admin, page, "Rules edited", new Dictionary<string, object?> { ["title"] = "Edited by hand" });
        }

        var line = (await Sync.ImportAsync()).LineFor(file);
        AssertChange("Update", line);
        Assert.Contains(line.GetProperty("details").EnumerateArray(), d => d.GetProperty("oldValue").GetString() == "Edited by hand");
        Assert.Equal("From the file", await PublishedTitleAsync(page));
    }

    [Fact]
    public async Task Protection_removed_in_the_backoffice_comes_back_with_the_next_import()
    {
        var guidance = site.Seed.First(d => d.Protected && d.ContentType == "guidancePage");
        using var admin = await site.ManagementClientAsync();
        using (var removed = await admin.DeleteAsync($"/umbraco/management/api/v1/document/{guidance.Key}/public-access"))
        {
            Assert.True(removed.IsSuccessStatusCode, await removed.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, await DeliveryStatusAsync(guidance.Key));

        var report = await Sync.ImportAsync();

        Assert.Equal("Update", Change(report.Lines.Single(l => l.GetProperty("key").GetString() == guidance.Key.ToString())));
        Assert.Equal(HttpStatusCode.Unauthorized, await DeliveryStatusAsync(guidance.Key));
    }

    [Fact]
    public async Task A_file_that_gains_public_access_protects_its_document_and_one_that_loses_it_opens_it()
    {
        const string file = "Content/rules-guarded.config";
        var page = Guid.NewGuid();
        var open = TitledPage(page, "Rules guarded", "Guarded");
        var guarded = MembersOnly(open);
        Write(file, guarded);
        AssertChange("Create", (await Sync.ImportAsync()).LineFor(file));
        Assert.Equal(HttpStatusCode.Unauthorized, await DeliveryStatusAsync(page));

        Write(file, open);
        AssertChange("Update", (await Sync.ImportAsync()).LineFor(file));
        Assert.Equal(HttpStatusCode.OK, await DeliveryStatusAsync(page));

        Write(file, guarded.Replace($" LoginPage=\"{site.Document("Sign in").Key}\"", ""));
        var line = (await Sync.ImportAsync()).LineFor(file);
        AssertChange("Fail", line);
        Assert.Contains("LoginPage and an ErrorPage", Message(line));
    }

    [Fact]
    public async Task An_import_beside_editors_and_token_requests_finishes_and_so_do_they()
    {
        // Each issued token and each save is a committed write. A scope that read before it wrote (the import's, and
        // Umbraco's relations update after every save) used to wait for minutes (SQLITE_BUSY_SNAPSHOT, retried by
        // Umbraco's policy) whenever another request committed in between.
        using var editor = await site.ManagementClientAsync();
        var edited = await Documents.CreateAndPublishBesideAsync(editor, site.Seed.First(d => d.ContentType == "contentPage" && !d.Protected), "Rules busy editor");
        using var stop = new CancellationTokenSource();
        var writers = Task.WhenAll(
            Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var issued = await site.RequestTokenAsync(UmbracoSite.ClientId("Editors"), UmbracoSite.Secret("Editors"));
                    Assert.True(issued.IsSuccessStatusCode, $"token: {(int)issued.StatusCode}");
                }
            }),
            Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    await Documents.UpdateAsync(editor, edited, "Rules busy editor", new Dictionary<string, object?> { ["title"] = $"Edit {n}" });
                }
            }));

        try
        {
            for (var i = 0; i < 3; i++)
            {
                var page = Guid.NewGuid();
                var file = $"Content/rules-busy-{i}.config";
                Write(file, MembersOnly(TitledPage(page, $"Rules busy {i}", $"Busy {i}")));
                var import = Sync.ImportAsync();
                Assert.True(await Task.WhenAny(import, Task.Delay(TimeSpan.FromSeconds(60))) == import, "the import did not finish within a minute");
                AssertChange("Create", (await import).LineFor(file));

                // Shut within a few seconds, not at once: a request whose SQLite transaction began before the import
                // committed can refill Umbraco's cached public access set with the old rows; the site empties it again
                // two seconds after each change (decision 0012). Before that, the page stayed open until the next change.
                var status = await DeliveryStatusAsync(page);
                for (var wait = Stopwatch.StartNew(); status != HttpStatusCode.Unauthorized && wait.Elapsed < TimeSpan.FromSeconds(5);)
                {
                    await Task.Delay(250);
                    status = await DeliveryStatusAsync(page);
                }

                Assert.Equal(HttpStatusCode.Unauthorized, status);
            }
        }
        finally
        {
            await stop.CancelAsync();
            Assert.True(await Task.WhenAny(writers, Task.Delay(TimeSpan.FromSeconds(60))) == writers, "an editor's save or a token request did not finish within a minute");
            await writers;
        }
    }
}
