using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Mahse.Cms.Sync;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Sync;

/// <summary>A host whose content root holds the repository's uSync/v17 and imports it on first boot, as `dotnet run` does.</summary>
public sealed class MahseSiteHost : SqlitePortalHost
{
    public SyncReport? FirstBootReport { get; private set; }

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["uSync:Settings:ImportOnFirstBoot"] = "true",
        ["uSync:Settings:FirstBootGroup"] = "All",
    };

    protected override string UsyncSource => Path.Combine(Fixtures.RepositoryRoot, "uSync", "v17");

    protected override void AfterStart() => FirstBootReport = Services.GetRequiredService<SyncService>().LastReport;
}

public sealed class MahseSiteTests(MahseSiteHost host) : IClassFixture<MahseSiteHost>
{
    [Fact]
    public async Task First_boot_imports_the_site_without_a_failure_or_a_warning()
    {
        var report = host.FirstBootReport!;
        Assert.Equal("Import", report.Action);
        Assert.False(report.HasFailures, string.Join("\n", report.Lines.Where(l => !l.Success).Select(l => $"{l.File}: {l.Message}")));
        Assert.All(report.Lines, l => Assert.Empty(l.Warnings ?? []));

        var again = await host.Services.GetRequiredService<SyncService>().ImportAsync(null, dryRun: false, SyncGroups.All, CancellationToken.None);
        Assert.All(again.Lines, l => Assert.Equal(SyncChange.NoChange, l.Change));
    }

    [Fact]
    public void The_portal_serves_at_least_sixty_published_items_with_a_roadmap_of_stages()
    {
        var cache = host.Services.GetRequiredService<PublishedContentCache>();
        Assert.True(cache.Count >= 60, $"{cache.Count} published items");
        var stages = cache.All.Where(i => i.ContentTypeAlias == "roadmapStage").OrderBy(i => i.SortOrder).ToList();
        Assert.Equal(6, stages.Count);
        Assert.Equal("/roadmap/stage-2-the-model-for-improvement-and-pdsa-cycles/", stages[1].Route);
        Assert.All(stages, s => Assert.StartsWith("umb://document/", s.Properties["skills"]!.GetValue<string>()));
        Assert.DoesNotContain(cache.All, i => i.Properties.Values.Any(v => v?.ToJsonString().Contains("lorem", StringComparison.OrdinalIgnoreCase) == true));
    }

    [Fact]
    public async Task Schema_member_type_groups_and_members_only_guidance_are_in_place()
    {
        var snapshot = await host.Services.GetRequiredService<SchemaCache>().GetAsync(CancellationToken.None);
        foreach (var alias in new[] { "seoComposition", "pageComposition", "taxonomyComposition", "portalHome", "roadmapStage", "guidancePage", "stakeholderResource", "fellowshipCall", "moocStep", "publication", "surveyPage" })
        {
            Assert.NotNull(snapshot.FindContentType(alias));
        }

        var call = snapshot.FindContentType("fellowshipCall")!;
        Assert.Contains(snapshot.FindContentType("pageComposition")!.Key, call.Compositions);
        var member = snapshot.FindContentType("Member")!;
        Assert.Equal(ContentTypeKind.Member, member.Kind);
        Assert.Contains(member.Properties, p => p.Alias == "consentToDirectory");

        await using var db = host.Services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext();
        Assert.Equal(["Fellows", "Fellowship reviewers", "R&I champions", "Registered members"], (await db.MemberGroups.Select(g => g.Name).ToListAsync()).Order().ToArray());
        var guidanceKeys = host.Services.GetRequiredService<PublishedContentCache>().All.Where(i => i.ContentTypeAlias == "guidancePage").Select(i => i.Key).ToList();
        Assert.Equal(6, guidanceKeys.Count);
        var protectedKeys = await db.PublicAccess.Select(a => a.NodeKey).ToListAsync();
        Assert.All(guidanceKeys, k => Assert.Contains(k, protectedKeys));
        Assert.All(await db.PublicAccess.Select(a => a.RulesJson).ToListAsync(), r => Assert.Contains("Registered members", r));
    }
}
