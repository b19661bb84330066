using System.Globalization;
using Mahse.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Mahse.Tests.Survey.Search;

/// <summary>
/// A new, empty site (no content, no survey seed) for the survey index tests: responses are written straight into its
/// SQLite tables, as SurveyStore stores them, so what reaches SurveyIndex comes only from Umbraco's rebuild.
/// </summary>
public sealed class SurveyIndexSite : UmbracoSite
{
    protected override string? UsyncSource => null;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mahse:Survey:SeedOnFirstBoot"] = "0",
    };

    public SurveyTable Table => new(ContentRoot);

    /// <summary>The folder of SurveyIndex under Umbraco's Examine indexes (umbraco/Data/TEMP/ExamineIndexes by default).</summary>
    public string IndexFolder => Directory.EnumerateDirectories(ContentRoot, "SurveyIndex", SearchOption.AllDirectories).Single();
}

/// <summary>One response as the tests write it.</summary>
public sealed record TestResponse(
    string RespondentId, string Organisation, string SubRegion, string Division, string Specialism, string CareerStage,
    int Audit, int ServiceImprovement, int Research, int Innovation, int Publication, int Grants, string[] Barriers, bool Champion, string? Comments)
{
    public IReadOnlyDictionary<string, int> Activities => new Dictionary<string, int>
    {
        ["audit"] = Audit, ["serviceImprovement"] = ServiceImprovement, ["research"] = Research,
        ["innovation"] = Innovation, ["publication"] = Publication, ["grantHolding"] = Grants,
    };
}

/// <summary>The survey's tables in a running site's SQLite database.</summary>
public sealed class SurveyTable(string contentRoot)
{
    private string Path => System.IO.Path.Combine(contentRoot, "umbraco", "Data", "Umbraco.sqlite.db");

    public async Task<long> CountAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM mahseSurveyResponse";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Changes one response's comments as a re-import would (the row rewritten, its import time now); the respondent changed.</summary>
    public async Task<string> ChangeCommentsOfOneAsync(string comments)
    {
        await using var connection = await OpenAsync();
        await using var find = connection.CreateCommand();
        find.CommandText = "SELECT respondentId FROM mahseSurveyResponse ORDER BY id LIMIT 1";
        var respondentId = (string)(await find.ExecuteScalarAsync())!;
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, "UPDATE umbracoLock SET value = (CASE WHEN (value=1) THEN -1 ELSE 1 END) WHERE id = -51401");
        await ExecuteAsync(connection, transaction, "UPDATE mahseSurveyResponse SET comments = $comments, importedAt = $now WHERE respondentId = $id",
            ("$comments", comments), ("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)), ("$id", respondentId));
        await transaction.CommitAsync();
        return respondentId;
    }

    /// <summary>Adds the responses (and their organisations, on first sight) in one transaction under the survey's lock row, as SurveyStore does.</summary>
    public async Task AddAsync(IEnumerable<TestResponse> responses)
    {
        await using var connection = await OpenAsync();
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, "UPDATE umbracoLock SET value = (CASE WHEN (value=1) THEN -1 ELSE 1 END) WHERE id = -51401");
        var organisations = new Dictionary<string, long>();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        foreach (var r in responses)
        {
            if (!organisations.TryGetValue(r.Organisation, out var organisationId))
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT OR IGNORE INTO mahseSurveyOrganisation (\"key\", name, kind, subRegion) VALUES ($key, $name, 'NHS trust', $region)",
                    ("$key", Guid.NewGuid().ToString("D").ToUpperInvariant()), ("$name", r.Organisation), ("$region", r.SubRegion));
                await using var find = connection.CreateCommand();
                find.Transaction = transaction;
                find.CommandText = "SELECT id FROM mahseSurveyOrganisation WHERE name = $name";
                find.Parameters.AddWithValue("$name", r.Organisation);
                organisationId = (long)(await find.ExecuteScalarAsync())!;
                organisations[r.Organisation] = organisationId;
            }

            await ExecuteAsync(connection, transaction,
                "INSERT INTO mahseSurveyResponse (\"key\", respondentId, organisationId, site, subRegion, division, specialism, careerStage, band, " +
                "auditCount, serviceImprovementCount, researchCount, innovationCount, publicationCount, grantCount, barriers, trainingNeeds, " +
                "championWilling, comments, contactConsent, contactName, contactEmail, isSynthetic, importedAt) VALUES " +
                "($key, $id, $org, NULL, $region, $division, $specialism, $stage, NULL, $audit, $si, $research, $innovation, $publication, $grants, " +
                "$barriers, '', $champion, $comments, 0, NULL, NULL, 0, $now)",
                ("$key", Guid.NewGuid().ToString("D").ToUpperInvariant()), ("$id", r.RespondentId), ("$org", organisationId), ("$region", r.SubRegion),
                ("$division", r.Division), ("$specialism", r.Specialism), ("$stage", r.CareerStage), ("$audit", r.Audit), ("$si", r.ServiceImprovement),
                ("$research", r.Research), ("$innovation", r.Innovation), ("$publication", r.Publication), ("$grants", r.Grants),
                ("$barriers", string.Join(",", r.Barriers)), ("$champion", r.Champion ? 1 : 0), ("$comments", (object?)r.Comments ?? DBNull.Value), ("$now", now));
        }

        await transaction.CommitAsync();
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False;Default Timeout=60");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
