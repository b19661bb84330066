using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Delivery;

/// <summary>
/// DeliveryApiContentIndex in the minutes after a start: edits reach it at once, and an index found empty is rebuilt.
/// Umbraco 18.3 parks its start-up rebuild (one minute away) in the queue that carries index updates, which held every
/// update back for that minute; the site moves the wait out of the queue (<c>StartupRebuildOffTheQueue</c>).
/// </summary>
public sealed class IndexAfterStartTests(MahseSite site) : IClassFixture<MahseSite>
{
    private int PublicDocuments => site.Seed.Count(d => d.Published && !d.Protected);

    [Fact]
    public async Task A_page_published_just_after_a_restart_is_listed_by_queries_within_seconds()
    {
        await site.RestartAsync();
        await site.Delivery.WaitForAsync("filter=contentType:skill", 1);
        var skills = site.Seed.Where(d => d.ContentType == "skill" && d.Published && !d.Protected).ToList();

        using (var admin = await site.ManagementClientAsync())
        {
            await Documents.CreateAndPublishBesideAsync(admin, skills[0], "Measuring for improvement");
        }

        await site.Delivery.WaitForAsync("filter=contentType:skill", skills.Count + 1, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task An_index_found_empty_at_start_is_rebuilt()
    {
        await site.StopAsync();
        Directory.Delete(Path.Combine(TemplateDatabase.DataFolder(site.ContentRoot), "TEMP", "ExamineIndexes", "DeliveryApiContentIndex"), recursive: true);
        await site.StartAsync();

        // Umbraco waits a minute after start before rebuilding empty indexes.
        await site.Delivery.WaitForAsync("", PublicDocuments, TimeSpan.FromSeconds(150));
    }
}
