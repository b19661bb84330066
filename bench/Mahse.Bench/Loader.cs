using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Content;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Mahse.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Umbraco.Cms.Core.Models;

namespace Mahse.Bench;

internal sealed record LoadFigures(
    TimeSpan CreateAndPublish,
    TimeSpan RawInsert,
    int PublishSamples,
    int VisibleAtReturn,
    double PublishP50,
    double PublishP95,
    double SaveP50,
    long CacheBytes,
    int CachedItems,
    double BytesPerItem,
    double AverageValuesJsonBytes,
    TimeSpan Rebuild);

internal static class Loader
{
    private static readonly Guid Textstring = Guid.Parse("0cc0eba1-9960-42c9-bf9b-60e150b429ae");
    private static readonly Guid Textarea = Guid.Parse("c6bac0dd-4ab9-45b1-8e30-e4b619ee5da3");
    private static readonly Guid Numeric = Guid.Parse("2e6d3631-066e-44b8-aec4-96f09099b2b5");

    public static async Task<LoadFigures> CreateAndPublishAsync(string root, int count)
    {
        var app = MahseApp.Create(["--urls", "http://127.0.0.1:0"], root, BenchHost.Settings(root));
        await app.StartAsync();
        try
        {
            var services = app.Services;
            var types = services.GetRequiredService<ContentTypeService>();
            var editing = services.GetRequiredService<ContentEditingService>();
            var publishing = services.GetRequiredService<ContentPublishingService>();
            var cache = services.GetRequiredService<PublishedContentCache>();

            var typeKey = Guid.NewGuid();
            var container = Guid.NewGuid();
            var saved = await types.SaveAsync(new ContentTypeDefinition(typeKey, ContentTypeKind.Document, "roadmapStage", "Roadmap stage",
                [new ContainerDefinition(container, null, "Content", ContainerType.Group, 0)],
                [
                    new PropertyTypeDefinition(Guid.NewGuid(), container, "title", "Title", Textstring, Mandatory: true),
                    new PropertyTypeDefinition(Guid.NewGuid(), container, "summary", "Summary", Textarea, SortOrder: 1),
                    new PropertyTypeDefinition(Guid.NewGuid(), container, "stageOrder", "Stage order", Numeric, SortOrder: 2),
                ],
                [], [new AllowedChildDefinition(typeKey, 0)], AllowedAtRoot: true), null, CancellationToken.None);
            if (!saved.Success)
            {
                throw new InvalidOperationException(saved.Result.Errors[0].Message);
            }

            if (Environment.GetEnvironmentVariable("MAHSE_BENCH_PIECES") == "1")
            {
                await Pieces.RunAsync(services, typeKey);
            }

            // 100 sections of 99 children each (10,000 with the sections): a realistic width for a roadmap site.
            var sections = Math.Max(1, count / 100);
            var created = 0;
            var clock = Stopwatch.StartNew();
            Guid? currentSection = null;
            var keys = new List<Guid>(count);
            TimeSpan createTime = default, publishTime = default;
            while (created < count)
            {
                var isSection = created % 100 == 0 || currentSection is null;
                var mark = clock.Elapsed;
                var attempt = await editing.CreateAsync(new ContentCreateModel(null, ContentNodeKind.Document, typeKey, isSection ? null : currentSection,
                    isSection ? $"Section {created / 100}" : $"Stage {created}",
                    new Dictionary<string, JsonNode?>
                    {
                        ["title"] = $"Stage {created}: scoping the improvement",
                        ["summary"] = "Healthcare scientists identify a service problem, gather baseline data and agree the scope with stakeholders.",
                        ["stageOrder"] = created % 100,
                    }), "bench", CancellationToken.None);
                if (!attempt.Success)
                {
                    throw new InvalidOperationException(attempt.Status + " " + string.Join("; ", attempt.Result.Errors.Select(e => e.Message)));
                }

                var key = attempt.Result.Item!.Key;
                createTime += clock.Elapsed - mark;
                mark = clock.Elapsed;
                var published = await publishing.PublishAsync(key, null, null, CancellationToken.None);
                publishTime += clock.Elapsed - mark;
                if (!published.Success)
                {
                    throw new InvalidOperationException(published.Status.ToString());
                }

                if (isSection)
                {
                    currentSection = key;
                }

                keys.Add(key);
                created++;
            }

            var createAndPublish = clock.Elapsed;
            Console.Error.WriteLine($"  (create {createTime.TotalSeconds:F1} s, publish {publishTime.TotalSeconds:F1} s)");
            var rawInsert = await RawInsertBaselineAsync(services, typeKey, count);

            var (samples, visible, p50, p95, saveP50) = await PublishLatencyAsync(app, cache, keys);

            // Memory: a second cache over the same database, measured from an empty start.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var second = new PublishedContentCache(services.GetRequiredService<ICmsDbContextFactory>(), services.GetRequiredService<SchemaCache>(),
                NullLogger<PublishedContentCache>.Instance);
            var rebuildClock = Stopwatch.StartNew();
            await second.RebuildAsync(CancellationToken.None);
            var rebuild = rebuildClock.Elapsed;
            var after = GC.GetTotalMemory(forceFullCollection: true);
            var cacheBytes = after - before;
            GC.KeepAlive(second);

            await using var db = services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext();
            var averageJson = await db.ContentVersions.Where(v => v.WasPublished).AverageAsync(v => (double)v.ValuesJson.Length);
            return new LoadFigures(createAndPublish, rawInsert, samples, visible, p50, p95, saveP50, cacheBytes, second.Count,
                (double)cacheBytes / second.Count, averageJson, rebuild);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The floor: the same node and version rows written by EF Core with no validation, cache or notifications.</summary>
    private static async Task<TimeSpan> RawInsertBaselineAsync(IServiceProvider services, Guid typeKey, int count)
    {
        var contexts = services.GetRequiredService<ICmsDbContextFactory>();
        var schema = await services.GetRequiredService<SchemaCache>().GetAsync(CancellationToken.None);
        var typeId = schema.FindContentTypeId(typeKey)!.Value;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await using var db = contexts.CreateDbContext();
            await using var tx = await db.Database.BeginTransactionAsync();
            var node = new ContentNodeRow { Key = Guid.NewGuid(), ContentTypeId = typeId, Level = 1, Name = $"Raw {i}", UrlSegment = $"raw-{i}", CreateDate = DateTime.UtcNow, UpdateDate = DateTime.UtcNow };
            db.ContentNodes.Add(node);
            await db.SaveChangesAsync();
            var version = new ContentVersionRow { Key = Guid.NewGuid(), NodeId = node.Id, Name = node.Name, ValuesJson = "{\"title\":\"x\"}", UrlSegment = node.UrlSegment, CreateDate = DateTime.UtcNow, WasPublished = true };
            db.ContentVersions.Add(version);
            await db.SaveChangesAsync();
            node.Path = "-1," + node.Id;
            node.DraftVersionId = version.Id;
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        return clock.Elapsed;
    }

    private static async Task<(int Samples, int Visible, double P50, double P95, double SaveP50)> PublishLatencyAsync(
        WebApplication app, PublishedContentCache cache, List<Guid> keys)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var tokenResponse = await http.PostAsync("/umbraco/management/api/v1/security/back-office/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "umbraco-back-office-bench",
            ["client_secret"] = "bench-secret-0123456789",
        }));
        tokenResponse.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        const int samples = 200;
        var publishTimes = new List<double>();
        var saveTimes = new List<double>();
        var visible = 0;
        for (var i = 0; i < samples; i++)
        {
            var key = keys[(i * 37) % keys.Count];
            var title = $"Edited {i} {Guid.NewGuid():N}";
            var saveClock = Stopwatch.StartNew();
            var save = await http.PutAsJsonAsync($"/umbraco/management/api/v1/document/{key}", new JsonObject
            {
                ["variants"] = new JsonArray(new JsonObject { ["name"] = cache.Get(key)?.Name ?? "x" }),
                ["values"] = new JsonArray(new JsonObject { ["alias"] = "title", ["value"] = title }),
            });
            saveTimes.Add(saveClock.Elapsed.TotalMilliseconds);
            save.EnsureSuccessStatusCode();
            var publishClock = Stopwatch.StartNew();
            var publish = await http.PutAsJsonAsync($"/umbraco/management/api/v1/document/{key}/publish", new JsonObject());
            publishTimes.Add(publishClock.Elapsed.TotalMilliseconds);
            publish.EnsureSuccessStatusCode();
            if (cache.Get(key)?.Properties["title"]?.GetValue<string>() == title)
            {
                visible++;
            }
        }

        publishTimes.Sort();
        saveTimes.Sort();
        return (samples, visible, publishTimes[samples / 2], publishTimes[(int)(samples * 0.95)], saveTimes[samples / 2]);
    }
}
