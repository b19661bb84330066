using System.Text.Json.Nodes;
using Mahse.Cms.Content;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Services.OperationStatus;

namespace Mahse.Cms.Tests.Content;

/// <summary>The content services called in-process, as uSync import and the benchmark call them (values built in code, not parsed).</summary>
public abstract class ContentServiceTests(PortalHost host)
{
    private static readonly Guid Textstring = Guid.Parse("0cc0eba1-9960-42c9-bf9b-60e150b429ae");
    private static readonly Guid Numeric = Guid.Parse("2e6d3631-066e-44b8-aec4-96f09099b2b5");
    private static readonly Guid TrueFalse = Guid.Parse("92897bc6-a5f3-4ffe-ae27-f2e7e33dda49");

    private async Task<Guid> TypeAsync()
    {
        var key = Guid.NewGuid();
        var container = Guid.NewGuid();
        var attempt = await host.Services.GetRequiredService<ContentTypeService>().SaveAsync(new ContentTypeDefinition(
            key, ContentTypeKind.Document, "svc" + key.ToString("N")[..8], "Service type",
            [new ContainerDefinition(container, null, "Content", ContainerType.Group, 0)],
            [
                new PropertyTypeDefinition(Guid.NewGuid(), container, "title", "Title", Textstring, Mandatory: true),
                new PropertyTypeDefinition(Guid.NewGuid(), container, "order", "Order", Numeric, SortOrder: 1),
                new PropertyTypeDefinition(Guid.NewGuid(), container, "open", "Open", TrueFalse, SortOrder: 2),
            ],
            [], [], AllowedAtRoot: true), null, CancellationToken.None);
        Assert.True(attempt.Success, attempt.Result.Errors.FirstOrDefault()?.Message);
        return key;
    }

    [SkippableFact]
    public async Task Values_built_in_code_are_accepted_like_parsed_ones()
    {
        host.SkipIfUnavailable();
        var type = await TypeAsync();
        var editing = host.Services.GetRequiredService<ContentEditingService>();

        var attempt = await editing.CreateAsync(new ContentCreateModel(null, ContentNodeKind.Document, type, null, "In code",
            new Dictionary<string, JsonNode?> { ["title"] = "Made in code", ["order"] = 0, ["open"] = true }), "test", CancellationToken.None);

        Assert.True(attempt.Success, string.Join("; ", attempt.Result.Errors.Select(e => e.Message)));
        Assert.Equal(0, attempt.Result.Item!.Values["order"]!.GetValue<int>());
        Assert.Equal(1, attempt.Result.Item.Values["open"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_failed_create_leaves_no_rows_behind()
    {
        host.SkipIfUnavailable();
        var type = await TypeAsync();
        var editing = host.Services.GetRequiredService<ContentEditingService>();
        var contexts = host.Services.GetRequiredService<ICmsDbContextFactory>();
        int Count()
        {
            using var db = contexts.CreateDbContext();
            return db.ContentNodes.Count() + db.ContentVersions.Count();
        }

        var before = Count();
        var attempt = await editing.CreateAsync(new ContentCreateModel(null, ContentNodeKind.Document, type, null, "Bad",
            new Dictionary<string, JsonNode?> { ["title"] = "ok", ["order"] = "many" }), "test", CancellationToken.None);

        Assert.Equal(ContentEditingOperationStatus.PropertyValidationError, attempt.Status);
        Assert.Equal(before, Count());
    }

    [SkippableFact]
    public async Task Publish_is_visible_in_the_cache_when_the_call_returns()
    {
        host.SkipIfUnavailable();
        var type = await TypeAsync();
        var editing = host.Services.GetRequiredService<ContentEditingService>();
        var publishing = host.Services.GetRequiredService<ContentPublishingService>();
        var cache = host.Services.GetRequiredService<PublishedContentCache>();
        var created = await editing.CreateAsync(new ContentCreateModel(null, ContentNodeKind.Document, type, null, "Visible",
            new Dictionary<string, JsonNode?> { ["title"] = "now" }), null, CancellationToken.None);

        var published = await publishing.PublishAsync(created.Result.Item!.Key, null, null, CancellationToken.None);

        Assert.True(published.Success);
        Assert.Equal("now", cache.Get(created.Result.Item.Key)!.Properties["title"]!.GetValue<string>());
    }
}

public sealed class ContentServiceTestsOnSqlite(SqlitePortalHost host) : ContentServiceTests(host), IClassFixture<SqlitePortalHost>;

[Trait("Database", "PostgreSQL")]
public sealed class ContentServiceTestsOnPostgres(PostgresPortalHost host) : ContentServiceTests(host), IClassFixture<PostgresPortalHost>;
