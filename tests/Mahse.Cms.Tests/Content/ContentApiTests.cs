using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Mahse.Cms.Tests.Infrastructure.ManagementApi;

namespace Mahse.Cms.Tests.Content;

/// <summary>Content editing, publishing and the published cache, through HTTP on the real host; run on each database.</summary>
public abstract class ContentApiTests(PortalHost host)
{
    private async Task<ManagementApi> ApiAsync(string group = "Administrators") => new(await host.ClientAsync(group));

    private async Task<(ManagementApi Api, Guid Type)> PageTypeAsync()
    {
        var api = await ApiAsync();
        var alias = Unique("page");
        var type = await api.CreateDocumentTypeAsync(alias,
        [
            Property("title", Textstring, mandatory: true),
            Property("body", RichText),
            Property("count", Numeric),
            Property("code", Textstring, regEx: "^[A-Z]{3}$"),
        ]);

        // Pages may hold pages, so the tree can be tested with one type.
        var definition = await api.Client.GetFromJsonAsync<JsonObject>($"{Base}/document-type/{type}");
        definition!["allowedDocumentTypes"] = new JsonArray(new JsonObject { ["documentType"] = new JsonObject { ["id"] = type.ToString() }, ["sortOrder"] = 0 });
        await EnsureAsync(await api.Client.PutAsJsonAsync($"{Base}/document-type/{type}", definition), HttpStatusCode.OK);
        return (api, type);
    }

    private PublishedContentCache Cache => host.Services.GetRequiredService<PublishedContentCache>();

    [SkippableFact]
    public async Task Created_document_is_a_draft_and_publishing_puts_it_in_the_cache()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var id = await api.CreateDocumentAsync(type, "Roadmap", new JsonObject { ["title"] = "The roadmap", ["count"] = 3 });

        var draft = await api.GetDocumentAsync(id);
        Assert.Equal("Draft", draft.GetProperty("variants")[0].GetProperty("state").GetString());
        Assert.Equal("The roadmap", Value(draft, "title")!.Value.GetString());
        Assert.Equal(3, Value(draft, "count")!.Value.GetInt32());
        Assert.Null(Cache.Get(id));

        await api.PublishAsync(id);

        var published = Cache.Get(id);
        Assert.NotNull(published);
        Assert.Equal("roadmap", published.UrlSegment);
        Assert.Equal("/", published.Route);
        Assert.Equal("The roadmap", published.Properties["title"]!.GetValue<string>());
        Assert.Equal("Published", (await api.GetDocumentAsync(id)).GetProperty("variants")[0].GetProperty("state").GetString());
    }

    [SkippableFact]
    public async Task Saving_after_publish_leaves_the_published_version_in_the_cache_until_republished()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var id = await api.CreateDocumentAsync(type, "Stage one", new JsonObject { ["title"] = "First" });
        await api.PublishAsync(id);

        await EnsureAsync(await api.PutDocumentAsync(id, "Stage one", new JsonObject { ["title"] = "Second" }), HttpStatusCode.OK);

        Assert.Equal("First", Cache.Get(id)!.Properties["title"]!.GetValue<string>());
        Assert.Equal("PublishedPendingChanges", (await api.GetDocumentAsync(id)).GetProperty("variants")[0].GetProperty("state").GetString());
        await api.PublishAsync(id);
        Assert.Equal("Second", Cache.Get(id)!.Properties["title"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Children_get_routes_from_their_ancestors_and_unique_segments_among_siblings()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var root = await api.CreateDocumentAsync(type, Unique("Home"), new JsonObject { ["title"] = "Home" });
        var stages = await api.CreateDocumentAsync(type, "Roadmap Stages", new JsonObject { ["title"] = "t" }, root);
        var first = await api.CreateDocumentAsync(type, "Idea & Scoping", new JsonObject { ["title"] = "t" }, stages);
        var twin = await api.CreateDocumentAsync(type, "Idea & Scoping", new JsonObject { ["title"] = "t" }, stages);
        foreach (var id in new[] { root, stages, first, twin })
        {
            await api.PublishAsync(id);
        }

        Assert.Equal("/roadmap-stages/idea-scoping/", Cache.Get(first)!.Route);
        Assert.Equal([first, twin], Cache.Children(stages).Select(c => c.Key).ToArray());
        Assert.Equal(4, Cache.Branch(Cache.Get(root)!.Id).Count);
        Assert.Equal("Idea & Scoping (1)", Cache.Get(twin)!.Name);
        Assert.Equal("/roadmap-stages/idea-scoping-1/", Cache.Get(twin)!.Route);
        Assert.Equal(first, Cache.GetByRoute("/roadmap-stages/idea-scoping/", Cache.Get(root)!.UrlSegment)!.Key);
    }

    [SkippableFact]
    public async Task Renaming_a_published_page_changes_its_route_and_its_childrens_only_when_published()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var root = await api.CreateDocumentAsync(type, Unique("Site"), new JsonObject { ["title"] = "r" });
        var section = await api.CreateDocumentAsync(type, "Resources", new JsonObject { ["title"] = "s" }, root);
        var leaf = await api.CreateDocumentAsync(type, "Toolkit", new JsonObject { ["title"] = "l" }, section);
        foreach (var id in new[] { root, section, leaf })
        {
            await api.PublishAsync(id);
        }

        await EnsureAsync(await api.PutDocumentAsync(section, "Stakeholder Resources", new JsonObject { ["title"] = "s" }), HttpStatusCode.OK);
        await api.PublishAsync(leaf);
        Assert.Equal("/resources/toolkit/", Cache.Get(leaf)!.Route);
        Assert.Equal("Resources", Cache.Get(section)!.Name);

        // A rebuild (as at start-up) serves the published names too, not the draft ones.
        await Cache.RebuildAsync(CancellationToken.None);
        Assert.Equal("/resources/toolkit/", Cache.Get(leaf)!.Route);
        Assert.Equal("Resources", Cache.Get(section)!.Name);

        await api.PublishAsync(section);
        Assert.Equal("/stakeholder-resources/", Cache.Get(section)!.Route);
        Assert.Equal("/stakeholder-resources/toolkit/", Cache.Get(leaf)!.Route);
        Assert.Null(Cache.GetByRoute("/resources/toolkit/", Cache.Get(root)!.UrlSegment));

        await Cache.RebuildAsync(CancellationToken.None);
        Assert.Equal("/stakeholder-resources/toolkit/", Cache.Get(leaf)!.Route);
    }

    [SkippableFact]
    public async Task Publishing_a_child_of_an_unpublished_parent_is_refused_and_unpublishing_a_parent_hides_the_branch()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var parent = await api.CreateDocumentAsync(type, Unique("Parent"), new JsonObject { ["title"] = "p" });
        var child = await api.CreateDocumentAsync(type, "Child", new JsonObject { ["title"] = "c" }, parent);

        var refused = await api.Client.PutAsJsonAsync($"{Base}/document/{child}/publish", new JsonObject());
        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal("PathNotPublished", problem.GetProperty("operationStatus").GetString());

        await api.PublishAsync(parent);
        await api.PublishAsync(child);
        Assert.NotNull(Cache.Get(child));

        await EnsureAsync(await api.Client.PutAsJsonAsync($"{Base}/document/{parent}/unpublish", new JsonObject()), HttpStatusCode.OK);
        Assert.Null(Cache.Get(parent));
        Assert.Null(Cache.Get(child));
    }

    [SkippableFact]
    public async Task Missing_mandatory_value_saves_a_draft_but_refuses_publish_naming_the_property()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var id = await api.CreateDocumentAsync(type, "No title yet");

        var response = await api.Client.PutAsJsonAsync($"{Base}/document/{id}/publish", new JsonObject());

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "$.values[title]");
        Assert.Equal("ContentInvalid", problem.GetProperty("operationStatus").GetString());
        Assert.Null(Cache.Get(id));
    }

    [SkippableFact]
    public async Task Wrong_value_type_regex_and_unknown_alias_are_refused_and_nothing_is_stored()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var id = await api.CreateDocumentAsync(type, "Valid", new JsonObject { ["title"] = "ok", ["count"] = 1 });

        var wrongType = await api.PutDocumentAsync(id, "Valid", new JsonObject { ["title"] = "changed", ["count"] = "three" });
        await ProblemAsync(wrongType, HttpStatusCode.UnprocessableEntity, "$.values[count]");
        var regex = await api.PutDocumentAsync(id, "Valid", new JsonObject { ["title"] = "changed", ["code"] = "abcd" });
        await ProblemAsync(regex, HttpStatusCode.UnprocessableEntity, "$.values[code]");
        var unknown = await api.PutDocumentAsync(id, "Valid", new JsonObject { ["title"] = "changed", ["nope"] = "x" });
        await ProblemAsync(unknown, HttpStatusCode.UnprocessableEntity, "$.values[nope]");
        var objectForText = await api.PutDocumentAsync(id, "Valid", new JsonObject { ["title"] = new JsonObject { ["a"] = 1 } });
        await ProblemAsync(objectForText, HttpStatusCode.UnprocessableEntity, "$.values[title]");

        var stored = await api.GetDocumentAsync(id);
        Assert.Equal("ok", Value(stored, "title")!.Value.GetString());
        Assert.Equal(1, Value(stored, "count")!.Value.GetInt32());
    }

    [SkippableFact]
    public async Task Hostile_rich_text_is_stored_sanitised()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var hostile = "<p onclick=\"steal()\">Hi<script>alert(1)</script><img src=\"x.png\" onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">x</a><a href=\"https://mahse.example/\">ok</a></p>";
        var id = await api.CreateDocumentAsync(type, "Rich", new JsonObject { ["title"] = "t", ["body"] = new JsonObject { ["markup"] = hostile } });

        var markup = Value(await api.GetDocumentAsync(id), "body")!.Value.GetProperty("markup").GetString()!;

        Assert.DoesNotContain("<script", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", markup, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://mahse.example/\"", markup);
        Assert.Contains("Hi", markup);
    }

    [SkippableFact]
    public async Task Unknown_content_type_and_unknown_parent_are_404_problems()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();

        var unknownType = await api.PostDocumentAsync(Guid.NewGuid(), "x");
        var problem = await ProblemAsync(unknownType, HttpStatusCode.NotFound, "documentType");
        Assert.Equal("ContentTypeNotFound", problem.GetProperty("operationStatus").GetString());

        var unknownParent = await api.PostDocumentAsync(type, "x", new JsonObject { ["title"] = "t" }, Guid.NewGuid());
        await ProblemAsync(unknownParent, HttpStatusCode.NotFound, "parent");
    }

    [SkippableFact]
    public async Task Malformed_json_is_a_400_problem_and_the_host_keeps_serving()
    {
        host.SkipIfUnavailable();
        var api = await ApiAsync();
        var response = await api.Client.PostAsync($"{Base}/document", new StringContent("{\"variants\": [ {\"name\": ", System.Text.Encoding.UTF8, "application/json"));
        await ProblemAsync(response, HttpStatusCode.BadRequest);

        var health = await host.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [SkippableFact]
    public async Task Stale_save_is_refused_with_412_and_the_other_editors_work_survives()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var id = await api.CreateDocumentAsync(type, "Shared", new JsonObject { ["title"] = "v1" });
        var read = await api.Client.GetAsync($"{Base}/document/{id}");
        var etag = read.Headers.ETag!.Tag;

        await EnsureAsync(await api.PutDocumentAsync(id, "Shared", new JsonObject { ["title"] = "editor A" }, etag), HttpStatusCode.OK);
        var stale = await api.PutDocumentAsync(id, "Shared", new JsonObject { ["title"] = "editor B" }, etag);

        await ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal("editor A", Value(await api.GetDocumentAsync(id), "title")!.Value.GetString());
    }

    [SkippableFact]
    public async Task Move_below_own_descendant_is_refused_and_a_valid_move_rewrites_the_branch()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var a = await api.CreateDocumentAsync(type, Unique("A"), new JsonObject { ["title"] = "a" });
        var b = await api.CreateDocumentAsync(type, "B", new JsonObject { ["title"] = "b" }, a);
        var c = await api.CreateDocumentAsync(type, "C", new JsonObject { ["title"] = "c" }, b);
        var other = await api.CreateDocumentAsync(type, Unique("Other"), new JsonObject { ["title"] = "o" });

        var cycle = await api.Client.PutAsJsonAsync($"{Base}/document/{a}/move", new JsonObject { ["target"] = new JsonObject { ["id"] = c.ToString() } });
        var problem = await ProblemAsync(cycle, HttpStatusCode.BadRequest, "target");
        Assert.Equal("ParentInvalid", problem.GetProperty("operationStatus").GetString());

        foreach (var id in new[] { a, b, c, other })
        {
            await api.PublishAsync(id);
        }

        await EnsureAsync(await api.Client.PutAsJsonAsync($"{Base}/document/{b}/move", new JsonObject { ["target"] = new JsonObject { ["id"] = other.ToString() } }), HttpStatusCode.OK);

        Assert.Equal(other, Cache.Get(b)!.ParentKey);
        Assert.Equal("/b/c/", Cache.Get(c)!.Route);
        Assert.Equal(Cache.Get(other)!.UrlSegment, Cache.Get(c)!.StartItemSegment);
        Assert.Equal(3, Cache.Get(c)!.Level);
    }

    [SkippableFact]
    public async Task Copy_with_descendants_makes_unpublished_drafts_with_new_keys()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var a = await api.CreateDocumentAsync(type, Unique("A"), new JsonObject { ["title"] = "a" });
        await api.CreateDocumentAsync(type, "Child", new JsonObject { ["title"] = "child" }, a);
        await api.PublishAsync(a);

        var response = await api.Client.PostAsJsonAsync($"{Base}/document/{a}/copy", new JsonObject { ["target"] = null, ["includeDescendants"] = true });
        var copy = await CreatedIdAsync(response);

        Assert.NotEqual(a, copy);
        var copied = await api.GetDocumentAsync(copy);
        Assert.Equal("Draft", copied.GetProperty("variants")[0].GetProperty("state").GetString());
        Assert.EndsWith("(1)", copied.GetProperty("variants")[0].GetProperty("name").GetString());
        var children = await api.Client.GetFromJsonAsync<JsonElement>($"{Base}/tree/document/children?parentId={copy}");
        Assert.Equal("Child", children.GetProperty("items")[0].GetProperty("name").GetString());
    }

    [SkippableFact]
    public async Task Sort_sets_child_order_and_rejects_strangers()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var parent = await api.CreateDocumentAsync(type, Unique("P"), new JsonObject { ["title"] = "p" });
        var one = await api.CreateDocumentAsync(type, "One", new JsonObject { ["title"] = "1" }, parent);
        var two = await api.CreateDocumentAsync(type, "Two", new JsonObject { ["title"] = "2" }, parent);

        var sort = new JsonObject
        {
            ["parent"] = new JsonObject { ["id"] = parent.ToString() },
            ["sorting"] = new JsonArray(new JsonObject { ["id"] = two.ToString(), ["sortOrder"] = 0 }, new JsonObject { ["id"] = one.ToString(), ["sortOrder"] = 1 }),
        };
        await EnsureAsync(await api.Client.PutAsJsonAsync($"{Base}/document/sort", sort), HttpStatusCode.OK);
        var children = await api.Client.GetFromJsonAsync<JsonElement>($"{Base}/tree/document/children?parentId={parent}");
        Assert.Equal(["Two", "One"], children.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray());

        sort["sorting"]!.AsArray().Add(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["sortOrder"] = 2 });
        await ProblemAsync(await api.Client.PutAsJsonAsync($"{Base}/document/sort", sort), HttpStatusCode.BadRequest, "sorting");
    }

    [SkippableFact]
    public async Task Recycle_bin_trashes_a_branch_restores_it_and_empties_it()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var parent = await api.CreateDocumentAsync(type, Unique("Parent"), new JsonObject { ["title"] = "p" });
        var child = await api.CreateDocumentAsync(type, "Child", new JsonObject { ["title"] = "c" }, parent);
        await api.PublishAsync(parent);
        await api.PublishAsync(child);

        await EnsureAsync(await api.Client.PutAsync($"{Base}/document/{parent}/move-to-recycle-bin", null), HttpStatusCode.OK);
        Assert.Null(Cache.Get(parent));
        Assert.Null(Cache.Get(child));
        Assert.True((await api.GetDocumentAsync(child)).GetProperty("isTrashed").GetBoolean());
        var bin = await api.Client.GetFromJsonAsync<JsonElement>($"{Base}/recycle-bin/document/root");
        Assert.Contains(bin.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == parent);

        await EnsureAsync(await api.Client.PutAsync($"{Base}/recycle-bin/document/{parent}/restore", null), HttpStatusCode.OK);
        Assert.False((await api.GetDocumentAsync(child)).GetProperty("isTrashed").GetBoolean());

        await EnsureAsync(await api.Client.PutAsync($"{Base}/document/{parent}/move-to-recycle-bin", null), HttpStatusCode.OK);
        await EnsureAsync(await api.Client.DeleteAsync($"{Base}/recycle-bin/document"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"{Base}/document/{child}")).StatusCode);
    }

    [SkippableFact]
    public async Task Restore_can_put_an_item_under_another_target()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var first = await api.CreateDocumentAsync(type, Unique("First"), new JsonObject { ["title"] = "f" });
        var second = await api.CreateDocumentAsync(type, Unique("Second"), new JsonObject { ["title"] = "s" });
        var child = await api.CreateDocumentAsync(type, "Wanderer", new JsonObject { ["title"] = "w" }, first);
        await EnsureAsync(await api.Client.PutAsync($"{Base}/document/{child}/move-to-recycle-bin", null), HttpStatusCode.OK);

        // A streamed JSON body (no Content-Length) must be read too.
        await EnsureAsync(await api.Client.PutAsJsonAsync($"{Base}/recycle-bin/document/{child}/restore", new JsonObject { ["target"] = new JsonObject { ["id"] = second.ToString() } }), HttpStatusCode.OK);

        Assert.Equal(second, (await api.GetDocumentAsync(child)).GetProperty("parent").GetProperty("id").GetGuid());
    }

    [SkippableFact]
    public async Task Every_save_is_a_version_and_rollback_restores_old_values_as_a_draft()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var id = await api.CreateDocumentAsync(type, "Versioned", new JsonObject { ["title"] = "v1" });
        await api.PublishAsync(id);
        await EnsureAsync(await api.PutDocumentAsync(id, "Versioned", new JsonObject { ["title"] = "v2" }), HttpStatusCode.OK);

        var versions = await api.Client.GetFromJsonAsync<JsonElement>($"{Base}/document-version?documentId={id}");
        var items = versions.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var first = items.Single(v => v.GetProperty("isCurrentPublishedVersion").GetBoolean());
        Assert.True(items[0].GetProperty("isCurrentDraftVersion").GetBoolean());

        await EnsureAsync(await api.Client.PostAsync($"{Base}/document-version/{first.GetProperty("id").GetGuid()}/rollback", null), HttpStatusCode.OK);

        Assert.Equal("v1", Value(await api.GetDocumentAsync(id), "title")!.Value.GetString());
        Assert.Equal(3, (await api.Client.GetFromJsonAsync<JsonElement>($"{Base}/document-version?documentId={id}")).GetProperty("total").GetInt32());
    }

    [SkippableFact]
    public async Task Scheduled_publish_and_unpublish_run_when_the_clock_reaches_them()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var id = await api.CreateDocumentAsync(type, Unique("Fellowship call"), new JsonObject { ["title"] = "Call" });
        var now = host.Clock.GetUtcNow();
        var schedule = new JsonObject
        {
            ["publishSchedules"] = new JsonArray(new JsonObject
            {
                ["culture"] = null,
                ["schedule"] = new JsonObject { ["publishTime"] = now.AddHours(1).ToString("O"), ["unpublishTime"] = now.AddHours(2).ToString("O") },
            }),
        };
        await EnsureAsync(await api.Client.PutAsJsonAsync($"{Base}/document/{id}/publish", schedule), HttpStatusCode.OK);
        Assert.Null(Cache.Get(id));
        Assert.NotEqual(JsonValueKind.Null, (await api.GetDocumentAsync(id)).GetProperty("variants")[0].GetProperty("scheduledPublishDate").ValueKind);

        var publishing = host.Services.GetRequiredService<Mahse.Cms.Content.ContentPublishingService>();
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await publishing.RunScheduledAsync(CancellationToken.None);
        Assert.NotNull(Cache.Get(id));

        host.Clock.Advance(TimeSpan.FromMinutes(60));
        await publishing.RunScheduledAsync(CancellationToken.None);
        Assert.Null(Cache.Get(id));
    }

    [SkippableFact]
    public async Task Unpublish_time_before_publish_time_is_refused()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var id = await api.CreateDocumentAsync(type, "Bad schedule", new JsonObject { ["title"] = "t" });
        var now = host.Clock.GetUtcNow();
        var schedule = new JsonObject
        {
            ["publishSchedules"] = new JsonArray(new JsonObject
            {
                ["schedule"] = new JsonObject { ["publishTime"] = now.AddHours(3).ToString("O"), ["unpublishTime"] = now.AddHours(2).ToString("O") },
            }),
        };
        var problem = await ProblemAsync(await api.Client.PutAsJsonAsync($"{Base}/document/{id}/publish", schedule), HttpStatusCode.BadRequest);
        Assert.Equal("UnpublishTimeNeedsToBeAfterPublishTime", problem.GetProperty("operationStatus").GetString());
    }

    [SkippableFact]
    public async Task Publish_with_descendants_is_all_or_nothing()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var root = await api.CreateDocumentAsync(type, Unique("Branch"), new JsonObject { ["title"] = "r" });
        var good = await api.CreateDocumentAsync(type, "Good", new JsonObject { ["title"] = "g" }, root);
        var bad = await api.CreateDocumentAsync(type, "Bad", null, root);

        var body = new JsonObject { ["includeUnpublishedDescendants"] = true };
        var failed = await api.Client.PutAsJsonAsync($"{Base}/document/{root}/publish-with-descendants", body);
        await ProblemAsync(failed, HttpStatusCode.UnprocessableEntity, bad.ToString());
        Assert.Null(Cache.Get(root));
        Assert.Null(Cache.Get(good));

        await EnsureAsync(await api.PutDocumentAsync(bad, "Bad", new JsonObject { ["title"] = "fixed" }), HttpStatusCode.OK);
        await EnsureAsync(await api.Client.PutAsJsonAsync($"{Base}/document/{root}/publish-with-descendants", body), HttpStatusCode.OK);
        Assert.NotNull(Cache.Get(good));
        Assert.NotNull(Cache.Get(bad));
    }

    [SkippableFact]
    public async Task Published_cache_rebuilt_from_the_database_matches_the_incremental_one()
    {
        host.SkipIfUnavailable();
        var (api, type) = await PageTypeAsync();
        var root = await api.CreateDocumentAsync(type, Unique("Rebuild"), new JsonObject { ["title"] = "r" });
        var child = await api.CreateDocumentAsync(type, "Kid", new JsonObject { ["title"] = "k" }, root);
        await api.PublishAsync(root);
        await api.PublishAsync(child);
        var before = Cache.All.ToDictionary(i => i.Key, i => (i.Route, i.Name));

        await Cache.RebuildAsync(CancellationToken.None);

        Assert.Equal(before.OrderBy(k => k.Key), Cache.All.ToDictionary(i => i.Key, i => (i.Route, i.Name)).OrderBy(k => k.Key));
    }
}

public sealed class ContentApiTestsOnSqlite(SqlitePortalHost host) : ContentApiTests(host), IClassFixture<SqlitePortalHost>;

[Trait("Database", "PostgreSQL")]
public sealed class ContentApiTestsOnPostgres(PostgresPortalHost host) : ContentApiTests(host), IClassFixture<PostgresPortalHost>;
