namespace Mahse.Survey.Import;

/// <summary>A row left out, by its number in the file (the heading is row 1) and why.</summary>
public sealed record SurveyRejectedRow(int Row, string Reason);

/// <summary>Why a whole file was refused: it could not be read, or its headings do not fit the mapping.</summary>
public enum SurveyFileProblemKind
{
    /// <summary>Not a CSV or XLSX file, empty, or broken part-way (nothing is kept).</summary>
    Unreadable,

    /// <summary>Readable, but a required column is missing (refused before any row).</summary>
    MissingColumns,
}

/// <summary>
/// What an import did: rows read, imported (new), updated, unchanged, and each rejected row with its number and
/// reason. When the whole file is refused, <see cref="FileProblem"/> says why and nothing was stored.
/// </summary>
public sealed record SurveyImportReport(
    int RowsRead, int Imported, int Updated, int Unchanged, IReadOnlyList<SurveyRejectedRow> Rejected,
    string? FileProblem = null, SurveyFileProblemKind? FileProblemKind = null)
{
    public bool Failed => FileProblem is not null;

    public static SurveyImportReport Refused(SurveyFileProblemKind kind, string problem) => new(0, 0, 0, 0, [], problem, kind);
}
