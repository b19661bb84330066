using System.Text.Json.Nodes;
using Mahse.Cms.Content;
using Mahse.Cms.Persistence;
using Mahse.Cms.Search;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Members;

/// <summary>One member as the network directory shows them: no email, no login, nothing they did not agree to show.</summary>
public sealed record DirectoryEntry(string Name, string? JobTitle, IReadOnlyList<string> Division, IReadOnlyList<string> Specialism, string? Employer,
    IReadOnlyList<string> Region, IReadOnlyList<string> Interests);

public sealed record DirectoryPage(long Total, IReadOnlyList<DirectoryEntry> Items);

/// <summary>
/// The R&amp;I network directory: approved members who ticked "list me in the network directory", found through
/// MembersIndex. The index finds candidates; each is then checked again in the database (consent can be
/// withdrawn a moment before the index catches up), and the entry is built from the database, never the index.
/// </summary>
public sealed class MemberDirectory(IndexManager indexes, ICmsDbContextFactory contexts, Content.PublishedCache.PublishedContentCache published)
{
    private static readonly string[] SearchFields = ["nodeName", "jobTitle", "employer", "interests", "specialism", "division", "region"];

    public async Task<DirectoryPage> SearchAsync(string? text, string? division, string? region, int skip, int take, CancellationToken ct)
    {
        var query = indexes.Members.CreateQuery("member").Field("consentToDirectory", "1").And().Field("isApproved", "y");
        if (!string.IsNullOrWhiteSpace(text))
        {
            query.And().Group(q => q.ManagedQuery(text.Trim(), SearchFields));
        }

        if (!string.IsNullOrWhiteSpace(division))
        {
            query.And().Field("division", division.Trim());
        }

        if (!string.IsNullOrWhiteSpace(region))
        {
            query.And().Field("region", region.Trim());
        }

        var results = query.OrderBy(new SortableField("nodeName")).Execute(skip, take);
        var keys = results.Hits.Select(h => Guid.TryParse(h.Id, out var key) ? key : Guid.Empty).ToList();
        await using var db = contexts.CreateDbContext();
        var members = await db.Members.AsNoTracking().Where(m => keys.Contains(m.Key)).ToDictionaryAsync(m => m.Key, ct);
        var entries = keys.Select(k => members.GetValueOrDefault(k)).OfType<MemberRow>()
            .Select(m => (Member: m, Values: ContentValues.Parse(m.ValuesJson)))
            .Where(m => m.Member.IsApproved && m.Member.EmailConfirmed && Consented(m.Values))
            .Select(m => new DirectoryEntry(m.Member.Name, Text(m.Values, "jobTitle"), List(m.Values, "division"), List(m.Values, "specialism"),
                Text(m.Values, "employer"), List(m.Values, "region"), Interests(m.Values)))
            .ToList();
        return new DirectoryPage(results.TotalItemCount, entries);
    }

    /// <summary>Interests are picked roadmap stages: shown by the names of those still published.</summary>
    private IReadOnlyList<string> Interests(IReadOnlyDictionary<string, JsonNode?> values) =>
        (Text(values, "interests") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(udi => Infrastructure.Udis.TryParse(udi.Trim(), Umbraco.Cms.Core.Constants.UdiEntityType.Document, out var key) ? published.Get(key)?.Name : null)
            .OfType<string>().ToList();

    private static bool Consented(IReadOnlyDictionary<string, JsonNode?> values) =>
        values.TryGetValue("consentToDirectory", out var consent) && consent is JsonValue v && (v.ToJsonString().Trim('"') is "1" or "true");

    private static string? Text(IReadOnlyDictionary<string, JsonNode?> values, string alias) =>
        values.TryGetValue(alias, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IReadOnlyList<string> List(IReadOnlyDictionary<string, JsonNode?> values, string alias) =>
        values.TryGetValue(alias, out var value) ? ContentValueSetBuilder.TextValues(value).Where(t => t.Length > 0).ToList() : [];
}
