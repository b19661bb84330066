using Mahse.Survey.Model;
using Mahse.Survey.Storage;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core.Events;

namespace Mahse.Survey.Import;

/// <summary>
/// Imports survey responses from a CSV or XLSX file through a column mapping. Bad rows are reported with their number
/// and reason and the rest go in; a file whose headings lack a required column is refused before any row; a file that
/// breaks part-way stores nothing (the whole import is one transaction, written in batches of 1,000). Re-importing the
/// same file changes nothing. Once committed, <see cref="SurveyImportedNotification"/> tells the index what changed.
/// </summary>
public sealed class SurveyImporter(SurveyStore store, IEventAggregator events, ILogger<SurveyImporter> logger)
{
    public const int BatchSize = 1000;

    /// <summary>Beyond this many changed respondents the index is told to rebuild rather than update one by one.</summary>
    public const int RebuildAbove = 10_000;

    public async Task<SurveyImportReport> ImportAsync(Stream stream, string fileName, SurveyColumnMapping mapping, CancellationToken ct)
    {
        var (table, problem) = await SurveyTable.OpenAsync(stream, fileName, ct);
        if (table is null)
        {
            return SurveyImportReport.Refused(SurveyFileProblemKind.Unreadable, problem!);
        }

        using (table)
        {
            var missing = SurveyColumnMapping.Required.Where(f => !table.Headings.Contains(mapping.HeadingFor(f), StringComparer.OrdinalIgnoreCase)).ToList();
            if (missing.Count > 0)
            {
                return SurveyImportReport.Refused(SurveyFileProblemKind.MissingColumns,
                    $"The file's headings do not match the mapping: no column for {string.Join(", ", missing.Select(f => $"{f} ('{mapping.HeadingFor(f)}')"))}. "
                    + $"Headings found: {string.Join(", ", table.Headings)}.");
            }

            var parsed = new ParsedRows(table, mapping);
            SurveySaveResult saved;
            try
            {
                saved = await store.SaveAllAsync(parsed.Batches(BatchSize), ct);
            }
            catch (SurveyFileException ex)
            {
                // The transaction was not completed: nothing of this file is stored.
                return SurveyImportReport.Refused(SurveyFileProblemKind.Unreadable, ex.Message + " Nothing was imported.");
            }

            var report = new SurveyImportReport(parsed.Read, saved.Inserted, saved.Updated, saved.Unchanged, parsed.Rejected);
            logger.LogInformation("Survey import of {File}: {Read} read, {Imported} imported, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected",
                fileName, report.RowsRead, report.Imported, report.Updated, report.Unchanged, report.Rejected.Count);
            await PublishAsync(events, saved.Changed, ct);
            return report;
        }
    }

    /// <summary>Tells the index what changed (nothing when nothing did).</summary>
    public static Task PublishAsync(IEventAggregator events, IReadOnlyList<string> changed, CancellationToken ct) =>
        changed.Count == 0
            ? Task.CompletedTask
            : events.PublishAsync(new SurveyImportedNotification(changed.Count > RebuildAbove ? [] : changed, All: changed.Count > RebuildAbove), ct);

    /// <summary>The file's rows as records in batches, counting what was read and keeping what was rejected on the way.</summary>
    private sealed class ParsedRows(SurveyTable table, SurveyColumnMapping mapping)
    {
        public int Read { get; private set; }

        public List<SurveyRejectedRow> Rejected { get; } = [];

        public IEnumerable<IReadOnlyList<SurveyRecord>> Batches(int size)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var batch = new List<SurveyRecord>(size);
            var rowNumber = 1; // the heading is row 1
            foreach (var row in table.Rows())
            {
                rowNumber++;
                if (row.Values.All(string.IsNullOrWhiteSpace))
                {
                    // A blank line (common at the end of a spreadsheet export) is not a response.
                    continue;
                }

                Read++;

                var record = SurveyRecordParser.Parse(row, mapping, out var reason);
                if (record is null)
                {
                    Rejected.Add(new SurveyRejectedRow(rowNumber, reason!));
                    continue;
                }

                if (!seen.Add(record.RespondentId))
                {
                    Rejected.Add(new SurveyRejectedRow(rowNumber, $"Duplicate respondent '{record.RespondentId}' (already in this file)."));
                    continue;
                }

                batch.Add(record);
                if (batch.Count == size)
                {
                    yield return batch;
                    batch = new List<SurveyRecord>(size);
                }
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }
}
