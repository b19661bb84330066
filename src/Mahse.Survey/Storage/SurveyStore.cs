using System.Runtime.CompilerServices;
using Mahse.Survey.Model;
using NPoco;
using Umbraco.Cms.Infrastructure.Persistence;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Survey.Storage;

/// <summary>What one save did: rows added, changed and left alone, and the respondents added or changed (for the index).</summary>
public sealed record SurveySaveResult(int Inserted, int Updated, int Unchanged, IReadOnlyList<string> Changed);

/// <summary>
/// The survey's tables on Umbraco scopes. Writes are idempotent by respondent id: a respondent seen before updates its
/// row, or leaves it alone when nothing changed; organisations are created on first sight. A save of many batches is
/// one transaction under the survey's lock, so a file that breaks half way leaves nothing behind.
/// </summary>
public sealed class SurveyStore(IScopeProvider scopes, TimeProvider clock)
{
    /// <summary>Rows per read of <see cref="AllAsync"/>: each batch is its own short scope, so a rebuild holds no long transaction.</summary>
    public const int ReadBatch = 1000;

    private const string SelectWithOrganisation =
        "SELECT r.*, o.name AS organisationName FROM " + SurveyResponseRow.TableName + " r INNER JOIN "
        + SurveyOrganisationRow.TableName + " o ON o.id = r.organisationId";

    public async Task<long> CountAsync()
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        return await scope.Database.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {SurveyResponseRow.TableName}");
    }

    /// <summary>Every response with its organisation's name, in id order, read in batches of <see cref="ReadBatch"/>.</summary>
    public async IAsyncEnumerable<SurveyResponseRow> AllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        long last = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            List<SurveyResponseRow> batch;
            using (var scope = scopes.CreateScope(autoComplete: true))
            {
                var sql = scope.SqlContext.Sql().Append(SelectWithOrganisation + " WHERE r.id > @0 ORDER BY r.id", last);
                batch = await scope.Database.SkipTakeAsync<SurveyResponseRow>(0, ReadBatch, sql);
            }

            foreach (var row in batch)
            {
                yield return row;
            }

            if (batch.Count < ReadBatch)
            {
                yield break;
            }

            last = batch[^1].Id;
        }
    }

    /// <summary>The responses of these respondents (those that exist), with their organisation's name.</summary>
    public async Task<IReadOnlyList<SurveyResponseRow>> ByRespondentIdsAsync(IReadOnlyCollection<string> respondentIds, CancellationToken ct = default)
    {
        var rows = new List<SurveyResponseRow>(respondentIds.Count);
        using var scope = scopes.CreateScope(autoComplete: true);
        foreach (var chunk in respondentIds.Distinct().Chunk(500))
        {
            var sql = scope.SqlContext.Sql().Append(SelectWithOrganisation + " WHERE r.respondentId IN (@ids)", new { ids = chunk });
            rows.AddRange(await scope.Database.FetchAsync<SurveyResponseRow>(sql));
        }

        return rows;
    }

    public async Task<IReadOnlyList<SurveyOrganisationRow>> OrganisationsAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        return await scope.Database.FetchAsync<SurveyOrganisationRow>(scope.SqlContext.Sql().SelectAll().From<SurveyOrganisationRow>().OrderBy<SurveyOrganisationRow>(o => o.Name));
    }

    /// <summary>Saves one batch in its own transaction.</summary>
    public Task<SurveySaveResult> SaveAsync(IReadOnlyList<SurveyRecord> batch, CancellationToken ct = default) => SaveAllAsync([batch], ct);

    /// <summary>
    /// Saves every batch the sequence yields in one transaction under the survey's lock. The sequence is read lazily
    /// (an importer parses its file as it goes); if it throws, or <paramref name="ct"/> is cancelled, nothing is kept.
    /// </summary>
    public async Task<SurveySaveResult> SaveAllAsync(IEnumerable<IReadOnlyList<SurveyRecord>> batches, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        scope.EagerWriteLock(SurveyLocks.Timeout, SurveyLocks.Survey);
        var db = scope.Database;
        var organisations = (await db.FetchAsync<SurveyOrganisationRow>(scope.SqlContext.Sql().SelectAll().From<SurveyOrganisationRow>()))
            .ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);
        int inserted = 0, updated = 0, unchanged = 0;
        var changed = new List<string>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var batch in batches)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var record in batch.Where(r => !organisations.ContainsKey(r.Organisation)).DistinctBy(r => r.Organisation, StringComparer.OrdinalIgnoreCase))
            {
                var organisation = new SurveyOrganisationRow { Key = Guid.NewGuid(), Name = record.Organisation, Kind = record.OrganisationKind, SubRegion = record.SubRegion };
                await db.InsertAsync(organisation);
                organisations[organisation.Name] = organisation;
            }

            var existing = new Dictionary<string, SurveyResponseRow>(StringComparer.Ordinal);
            foreach (var chunk in batch.Select(r => r.RespondentId).Distinct().Chunk(500))
            {
                var sql = scope.SqlContext.Sql().SelectAll().From<SurveyResponseRow>().WhereIn<SurveyResponseRow>(r => r.RespondentId, chunk);
                foreach (var row in await db.FetchAsync<SurveyResponseRow>(sql))
                {
                    existing[row.RespondentId] = row;
                }
            }

            var fresh = new List<SurveyResponseRow>();
            foreach (var record in batch)
            {
                var row = SurveyRows.From(record, organisations[record.Organisation].Id, now);
                if (existing.TryGetValue(record.RespondentId, out var old))
                {
                    if (SurveyRows.Same(old, row))
                    {
                        unchanged++;
                        continue;
                    }

                    row.Id = old.Id;
                    row.Key = old.Key;
                    await db.UpdateAsync(row);
                    updated++;
                }
                else
                {
                    row.Key = Guid.NewGuid();
                    fresh.Add(row);
                    existing[record.RespondentId] = row;
                    inserted++;
                }

                changed.Add(record.RespondentId);
            }

            // Many rows a statement: Umbraco's InsertBulk on SQLite inserts row by row through NPoco (with a
            // last_insert_rowid query each), which made 100,000 new responses take some 80 s; this takes a fraction.
            foreach (var chunk in fresh.Chunk(SurveyRows.RowsPerInsert))
            {
                var (sql, args) = SurveyRows.MultiRowInsert(chunk, scope.SqlContext.SqlSyntax.GetQuotedName);
                await db.ExecuteAsync(sql, args!);
            }
        }

        scope.Complete();
        return new SurveySaveResult(inserted, updated, unchanged, changed);
    }
}
