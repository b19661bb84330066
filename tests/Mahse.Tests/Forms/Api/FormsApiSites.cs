using System.Text.Json;
using Mahse.Forms;
using Mahse.Forms.Model;
using Mahse.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Mahse.Tests.Forms.Api;

/// <summary>
/// The forms a Forms API site starts with. They go into the copied database before the site first starts, as rows of
/// the module's own table (the shape <c>FormStore</c> writes: key, name and the definition as FormJson), because a
/// test outside the process has no other way to put a form there until the uSync.Forms handler lands.
/// </summary>
public sealed class SeededForms
{
    public FormDefinition Application { get; } = FormsApiForms.Application();

    public FormDefinition Closed { get; } = FormsApiForms.Closed();

    public FormDefinition Magic { get; } = FormsApiForms.Magic();

    public FormDefinition NotStored { get; } = FormsApiForms.NotStored();

    public FormDefinition FromSources { get; } = FormsApiForms.FromSources();

    public static readonly Guid TextFileSource = Guid.NewGuid();

    public IEnumerable<FormDefinition> All => [Application, Closed, Magic, NotStored, FromSources];

    /// <summary>Writes the forms (and a text-file prevalue source) into a site's SQLite database.</summary>
    public async Task InsertAsync(string contentRoot, Guid? goToPage = null)
    {
        if (goToPage is not null)
        {
            Magic.GoToPageOnSubmit = goToPage;
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(TemplateDatabase.DataFolder(contentRoot), "Umbraco.sqlite.db")};Pooling=False");
        await connection.OpenAsync();
        foreach (var form in All)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO mahseFormsForm (key, name, folderKey, definition, createDate, updateDate) VALUES (@key, @name, NULL, @definition, @now, @now)";
            command.Parameters.AddWithValue("@key", form.Id);
            command.Parameters.AddWithValue("@name", form.Name);
            command.Parameters.AddWithValue("@definition", FormJson.Serialize(form));
            command.Parameters.AddWithValue("@now", DateTime.UtcNow);
            await command.ExecuteNonQueryAsync();
        }

        await using var source = connection.CreateCommand();
        source.CommandText = "INSERT INTO mahseFormsPreValueSource (key, name, typeId, settings, items) VALUES (@key, 'Regions', @type, '{}', @items)";
        source.Parameters.AddWithValue("@key", TextFileSource);
        source.Parameters.AddWithValue("@type", PreValueSourceTypes.TextFile);
        source.Parameters.AddWithValue("@items", """[{"id":"1","value":"north","caption":"North West","sortOrder":1},{"id":"0","value":"south","caption":"","sortOrder":0}]""");
        await source.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The MAHSE site with the Forms API on for server-to-server clients (an Api-Key, so no antiforgery token), a small
/// upload limit, short-lived drafts, and a member who signs in to the Delivery API with client credentials.
/// </summary>
public sealed class FormsApiSite : MahseSite
{
    public const string ApiKey = "forms-api-key-for-tests-0123456789";
    public const string MemberEmail = "applicant.member@mahse.test";
    public const string MemberPassword = "Applicant-Password-2026!";
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromSeconds(15);

    public SeededForms Forms { get; } = new();

    public Guid MemberKey { get; private set; }

    /// <summary>A real SMTP server the site sends its mail to (a draft's resume link).</summary>
    public SmtpInbox Inbox { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Inbox.SiteSettings)
    {
        ["Umbraco:Forms:Options:EnableFormsApi"] = "true",
        ["Umbraco:Forms:Security:FormsApiKey"] = ApiKey,
        ["Mahse:Forms:RateLimit:PermitsPerMinute"] = "100000",
        ["Mahse:Forms:Uploads:MaxFileBytes"] = "100000",
        ["Mahse:Forms:Drafts:Lifetime"] = DraftLifetime.ToString(),
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientId"] = "umbraco-member-forms-tests",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientSecret"] = "forms-tests-secret-0123456789",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:UserName"] = MemberEmail,
    };

    /// <summary>The page the magic form goes to after submitting: a published, public fellowship call.</summary>
    public SeedDocument GoToPage => Seed.First(d => d.ContentType == "fellowshipCall" && d.Published && !d.Protected);

    protected override Task BeforeFirstStartAsync() => Forms.InsertAsync(ContentRoot, GoToPage.Key);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        MemberKey = await Members.CreateAsync(this, MemberEmail, MemberPassword, "Registered members");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Inbox.DisposeAsync();
    }

    /// <summary>A Forms API client with the key (or another, or none).</summary>
    public HttpClient Api(string? key = ApiKey)
    {
        var client = Anonymous();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("Api-Key", key);
        }

        return client;
    }

    /// <summary>A Forms API client that also carries the member's Delivery API access token.</summary>
    public async Task<HttpClient> MemberApiAsync()
    {
        var member = await Members.DeliveryClientAsync(this, "umbraco-member-forms-tests", "forms-tests-secret-0123456789");
        member.DefaultRequestHeaders.Add("Api-Key", ApiKey);
        return member;
    }

    public FormsDatabase Database => new(ContentRoot);
}

/// <summary>A bare site (no content) with the forms but the Forms API left off, as Umbraco Forms ships.</summary>
public sealed class FormsOffSite : UmbracoSite
{
    public SeededForms Forms { get; } = new();

    protected override string? UsyncSource => null;

    protected override Task BeforeFirstStartAsync() => Forms.InsertAsync(ContentRoot);
}

/// <summary>
/// A bare site with the Forms API on for browsers: no API key, so posts need the antiforgery token, and a rate limit
/// of three posts a minute per address.
/// </summary>
public sealed class FormsBrowserSite : UmbracoSite
{
    public SeededForms Forms { get; } = new();

    protected override string? UsyncSource => null;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Umbraco:Forms:Options:EnableFormsApi"] = "true",
        ["Mahse:Forms:RateLimit:PermitsPerMinute"] = "3",
    };

    protected override Task BeforeFirstStartAsync() => Forms.InsertAsync(ContentRoot);
}

/// <summary>Reads what the site stored, from its SQLite file (read-only, beside the running site).</summary>
public sealed class FormsDatabase(string contentRoot)
{
    public sealed record Entry(Guid Key, string State, Guid? ContentKey, Guid? MemberKey, string? Culture, Dictionary<Guid, List<string>> Values, string? AdditionalData);

    public async Task<IReadOnlyList<Entry>> EntriesAsync(Guid formKey)
    {
        var entries = new List<Entry>();
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, state, contentKey, memberKey, culture, valuesJson, additionalData FROM mahseFormsEntry WHERE formKey = @form ORDER BY id";
        command.Parameters.AddWithValue("@form", formKey);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new Entry(
                Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : Guid.Parse(reader.GetString(2)),
                reader.IsDBNull(3) ? null : Guid.Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                JsonSerializer.Deserialize<Dictionary<Guid, List<string>>>(reader.GetString(5))!,
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return entries;
    }

    public async Task<IReadOnlyList<string>> AuditAsync(Guid entryKey) =>
        await StringsAsync("SELECT state FROM mahseFormsEntryAudit WHERE entryKey = @key ORDER BY id", entryKey);

    /// <summary>The workflow outbox rows of an entry, as "stage:workflow name:status".</summary>
    public async Task<IReadOnlyList<string>> WorkflowRunsAsync(Guid entryKey) =>
        await StringsAsync("SELECT stage || ':' || workflowName || ':' || status FROM mahseFormsWorkflowRun WHERE entryKey = @key ORDER BY id", entryKey);

    public async Task<IReadOnlyList<string>> DraftTokenHashesAsync(Guid formKey) =>
        await StringsAsync("SELECT tokenHash FROM mahseFormsDraft WHERE formKey = @key ORDER BY id", formKey);

    private async Task<IReadOnlyList<string>> StringsAsync(string sql, Guid key)
    {
        var values = new List<string>();
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@key", key);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(TemplateDatabase.DataFolder(contentRoot), "Umbraco.sqlite.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}

/// <summary>The test classes that share one <see cref="FormsApiSite"/> (one boot), one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class FormsApiCollection : ICollectionFixture<FormsApiSite>
{
    public const string Name = "Forms API site";
}
